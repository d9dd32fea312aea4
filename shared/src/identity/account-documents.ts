/**
 * The documents the identity provider sends the graph to check an account's scope against the
 * real codes (identity/src/places.ts), as the administrator making the change. The gateway
 * registers them among its first-party trusted documents.
 */
export const ACCOUNT_SCOPE_DOCUMENTS = [
  'query AccountScopeSchool($code: ID!) { school(code: $code) { code name subdistrictCode } }',
  'query AccountScopeSubdistricts { subdistricts { code name } }',
  'query AccountScopeCommunities($subdistrictCode: String) { communities(subdistrictCode: $subdistrictCode) { code name } }',
] as const;
