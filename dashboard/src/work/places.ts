import type { Identity } from '../api';
import { graphql } from '../gql';
import { useQuery } from '../query';
import { L } from '../i18n';

const PLACE_NAMES = graphql(`query PlaceNames { schools { code name } communities { code name } subdistricts { code name } }`);

/** The caller's reach in words: 全区, or the name of their school, subdistrict or community (its code until the names arrive). */
export function useScopeWords(identity: Identity): string {
  const places = useQuery(identity.scope.kind === 'district' ? null : PLACE_NAMES, {});
  if (identity.scope.kind === 'district') return L('ScopeKind', 'district');
  const list = { school: places.data?.schools, community: places.data?.communities, subdistrict: places.data?.subdistricts }[identity.scope.kind] ?? [];
  return `${L('ScopeKind', identity.scope.kind)} ${list.find((p) => p.code === identity.scope.code)?.name ?? identity.scope.code}`;
}
