/**
 * An account's scope is checked against the real codes: schools are education's register, the
 * subdistricts (街道) and communities (社区) the community office's. The provider asks the graph
 * for them as the administrator making the change (their token, their permissions, their audit),
 * with shared's ACCOUNT_SCOPE_DOCUMENTS, registered at the gateway as first-party trusted documents.
 */
import { documentIdOf } from '@kongchuo/shared/policy';
import { ACCOUNT_SCOPE_DOCUMENTS, type Scope } from '@kongchuo/shared/identity';
import type { PlaceOf } from './domain/authority';

export const ACCOUNT_DOCUMENTS = ACCOUNT_SCOPE_DOCUMENTS;

export type PlaceLookup = (scope: Scope) => Promise<(PlaceOf & { name: string }) | { problem: string }>;

/**
 * Looks a scope's code up through the gateway at `gatewayUrl` with `bearer`; `districtCode` is this
 * deployment's. One lookup serves one request: each question goes to the graph once (a list of
 * accounts asks about the same subdistricts and schools over and over).
 */
export function placeLookup(gatewayUrl: string, districtCode: string, bearer: string): PlaceLookup {
  const asked = new Map<string, Promise<unknown>>();
  const ask = <T>(document: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const key = `${document}\n${JSON.stringify(variables)}`;
    if (!asked.has(key)) asked.set(key, askGraph(document, variables));
    return asked.get(key) as Promise<T>;
  };
  const askGraph = async (document: string, variables: Record<string, unknown>): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer },
        body: JSON.stringify({ documentId: documentIdOf(document), variables }),
      });
    } catch {
      throw new Error(`无法核对范围代码：系统网关（${new URL(gatewayUrl).origin}）无法访问，未做任何修改`);
    }
    const body = (await res.json().catch(() => ({}))) as { data?: unknown; errors?: { message: string }[] };
    if (!body.data || body.errors?.length) throw new Error(`无法核对范围代码（${body.errors?.[0]?.message ?? `HTTP ${res.status}`}），未做任何修改`);
    return body.data;
  };
  return async (scope) => {
    if (!/^\d{6,12}$/.test(scope.code) && scope.kind !== 'school') return { problem: `${scope.code} 不是行政区划代码` };
    switch (scope.kind) {
      case 'district':
        return scope.code === districtCode ? { districtCode, name: districtCode } : { problem: `本系统服务的是 ${districtCode}，不是 ${scope.code}` };
      case 'subdistrict': {
        const { subdistricts } = await ask<{ subdistricts: { code: string; name: string }[] }>(ACCOUNT_DOCUMENTS[1]);
        const hit = subdistricts.find((s) => s.code === scope.code);
        return hit ? { districtCode: scope.code.slice(0, 6), subdistrictCode: scope.code, name: hit.name } : { problem: `没有代码为 ${scope.code} 的街道` };
      }
      case 'community': {
        const { communities } = await ask<{ communities: { code: string; name: string }[] }>(ACCOUNT_DOCUMENTS[2], { subdistrictCode: scope.code.slice(0, 9) });
        const hit = communities.find((c) => c.code === scope.code);
        return hit ? { districtCode: scope.code.slice(0, 6), subdistrictCode: scope.code.slice(0, 9), name: hit.name } : { problem: `没有代码为 ${scope.code} 的社区` };
      }
      case 'school': {
        const { school } = await ask<{ school: { code: string; name: string; subdistrictCode: string } | null }>(ACCOUNT_DOCUMENTS[0], { code: scope.code });
        return school ? { districtCode: school.subdistrictCode.slice(0, 6), subdistrictCode: school.subdistrictCode, name: school.name } : { problem: `没有学校标识码为 ${scope.code} 的学校` };
      }
      default:
        return { problem: `没有这种范围：${String(scope.kind)}` };
    }
  };
}
