/**
 * Who may manage whose account (账号管理权限). An administrator is an account with the role
 * `admin`: a department's administrator manages that department's staff within their own scope;
 * the joint meeting's administrator at the district (区级账号管理员) manages every department's.
 * Nobody can give an account a department, role or scope beyond their own: a subdistrict's
 * administrator cannot make district staff, an education administrator cannot make police.
 */
import type { Department, Scope, ScopeKind } from '@kongchuo/shared/identity';

/** The roles each department's accounts may have, and the scopes each role may be given. */
export const ROLES: Readonly<Record<Department, Readonly<Record<string, readonly ScopeKind[]>>>> = {
  education: { admin: ['district', 'subdistrict'], officer: ['district', 'subdistrict'], school_staff: ['school'] },
  public_security: { admin: ['district'], officer: ['district', 'subdistrict'] },
  civil_affairs: { admin: ['district'], officer: ['district', 'subdistrict'] },
  community: { admin: ['district', 'subdistrict'], officer: ['district', 'subdistrict'], grid_worker: ['community'] },
  joint_meeting: { admin: ['district'], member: ['district'] },
};

/** The roles of service accounts (department systems): `service`, at any scope its department's staff may have. */
export const SERVICE_ROLE = 'service';

export interface Grantable {
  department: Department;
  role: string;
  scope: Scope;
}

/** Where a scope lies: its own code and the codes of what contains it (a school's subdistrict, a community's subdistrict). */
export interface PlaceOf {
  /** the subdistrict (9-digit code) of a school or community scope */
  subdistrictCode?: string;
  /** the district a subdistrict lies in (the first six digits of its code) */
  districtCode: string;
}

/** Does `inner` lie within `outer`? */
export function scopeWithin(inner: Scope, place: PlaceOf, outer: Scope): boolean {
  if (outer.kind === 'district') return place.districtCode === outer.code;
  if (outer.kind === 'subdistrict') return inner.kind === 'subdistrict' ? inner.code === outer.code : place.subdistrictCode === outer.code;
  return inner.kind === outer.kind && inner.code === outer.code;
}

export const isAdministrator = (actor: Grantable) => actor.role === 'admin';

/** Why `actor` may not give `target` (an account's department, role and scope), or undefined if they may. */
export function grantProblem(actor: Grantable, target: Grantable, place: PlaceOf, opts: { service?: boolean } = {}): { field: string; message: string } | undefined {
  if (!isAdministrator(actor)) return { field: 'role', message: '只有账号管理员可以管理账号' };
  const districtAdmin = actor.department === 'joint_meeting' && actor.scope.kind === 'district';
  if (!districtAdmin && target.department !== actor.department) return { field: 'department', message: `只能管理本部门（${actor.department}）的账号` };
  const roles = ROLES[target.department];
  if (!roles) return { field: 'department', message: `没有这个部门：${target.department}` };
  const kinds = opts.service ? [...new Set(Object.values(roles).flat())] : roles[target.role];
  if (!opts.service && !kinds) return { field: 'role', message: `${target.department} 没有角色 ${target.role}（可选：${Object.keys(roles).join('、')}）` };
  if (opts.service && !districtAdmin) return { field: 'department', message: '系统账号只能由区级账号管理员管理' };
  if (!kinds.includes(target.scope.kind)) return { field: 'scope.kind', message: `${target.role} 的范围只能是 ${kinds.join('、')}` };
  if (!scopeWithin(target.scope, place, actor.scope)) return { field: 'scope.code', message: `${target.scope.kind} ${target.scope.code} 不在您的管理范围（${actor.scope.kind} ${actor.scope.code}）内` };
  return undefined;
}
