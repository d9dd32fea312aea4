import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { TimestampType } from '@kongchuo/shared/core';

/**
 * The provider's own keys, made on first start and rotated by `npm run -s accounts -- rotate-keys`:
 * `signing` (ES256 private JWKs: the newest signs, the others are still published at the JWKS
 * endpoint so tokens signed before a rotation verify until they expire), `cookie` (the session
 * cookies' HMAC keys) and `client-secret` (the key service accounts' secrets are derived from).
 */
@Entity({ tableName: 'provider_key' })
export class ProviderKey {
  @PrimaryKey({ type: 'string', length: 64 })
  kid: string;

  @Property({ type: 'string', length: 16 })
  use: 'signing' | 'cookie' | 'client-secret';

  /** a private JWK (JSON) for `signing`, random base64url bytes otherwise */
  @Property({ type: 'text' })
  secret: string;

  @Property({ type: TimestampType })
  createdAt: Date = new Date();

  /** no longer published or used; kept for the record */
  @Property({ type: TimestampType, nullable: true })
  retiredAt: Date | null = null;
}
