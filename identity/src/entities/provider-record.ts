import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { TimestampType } from '@kongchuo/shared/core';

/**
 * What oidc-provider keeps between requests (its adapter's storage, web/adapter.ts): sessions,
 * interactions, authorization codes, grants, refresh tokens. Access tokens are JWTs and are not
 * stored. One row per model and id; `payload` is the provider's JSON.
 */
@Entity({ tableName: 'provider_record' })
@Index({ properties: ['grantId'] })
@Index({ properties: ['uid'] })
@Index({ properties: ['accountId'] })
@Index({ properties: ['expiresAt'] })
export class ProviderRecord {
  @PrimaryKey({ type: 'string', length: 32 })
  model: string;

  @PrimaryKey({ type: 'string', length: 200 })
  id: string;

  @Property({ type: 'text' })
  payload: string;

  @Property({ type: 'string', length: 200, nullable: true })
  grantId: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  uid: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  accountId: string | null = null;

  @Property({ type: TimestampType, nullable: true })
  consumedAt: Date | null = null;

  @Property({ type: TimestampType, nullable: true })
  expiresAt: Date | null = null;
}
