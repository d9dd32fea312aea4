/**
 * The identity provider's own rules, as pure functions (identity/src/domain): password hashes,
 * lock-out, and who may give whom which department, role and scope.
 */
import { afterFailure, afterSuccess, isLocked, LOCK_MINUTES, MAX_FAILURES, type SignInState } from '../../identity/src/domain/lockout';
import { generatedPassword, hashPassword, passwordProblem, SCRYPT, verifyPassword } from '../../identity/src/domain/passwords';
import { grantProblem, ROLES, type Grantable } from '../../identity/src/domain/authority';
import { clientSecret } from '../../identity/src/domain/client-secrets';

describe('passwords', () => {
  it('are kept as scrypt hashes that name their parameters, salted: the same password hashes differently twice', async () => {
    const a = await hashPassword('correct-horse-42');
    const b = await hashPassword('correct-horse-42');
    expect(a).toMatch(new RegExp(`^scrypt\\$${SCRYPT.N}\\$${SCRYPT.r}\\$${SCRYPT.p}\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct-horse');
    await expect(verifyPassword('correct-horse-42', a)).resolves.toBe(true);
    await expect(verifyPassword('correct-horse-43', a)).resolves.toBe(false);
  });

  it('check against the parameters stored with the hash, so a cheaper old hash still checks after they are raised', async () => {
    const old = await hashPassword('an-older-password', { N: 2 ** 10, r: 8, p: 1 });
    await expect(verifyPassword('an-older-password', old)).resolves.toBe(true);
  });

  it('match nothing when the stored hash is malformed', async () => {
    for (const stored of ['', 'plain-text', 'scrypt$x$8$1$salt$hash', 'bcrypt$10$abc']) await expect(verifyPassword('anything', stored)).resolves.toBe(false);
  });

  it('must be long and varied enough, and not contain the user name', () => {
    expect(passwordProblem('short')).toMatch(/至少 10 个字符/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/不同的字符太少/);
    expect(passwordProblem('zhangwei-2026', 'zhangwei')).toMatch(/不能包含用户名/);
    expect(passwordProblem('correct-horse-42', 'zhangwei')).toBeUndefined();
    const made = generatedPassword();
    expect(made).toMatch(/^\w{16}$/);
    expect(passwordProblem(made)).toBeUndefined();
  });
});

describe('lock-out', () => {
  const now = new Date('2026-12-04T08:00:00Z');
  it(`locks after ${MAX_FAILURES} wrong passwords in a row, for ${LOCK_MINUTES} minutes`, () => {
    let s = afterSuccess();
    for (let i = 1; i < MAX_FAILURES; i += 1) {
      s = afterFailure(s, now);
      expect(isLocked(s, now)).toBe(false);
    }
    s = afterFailure(s, now);
    expect(isLocked(s, now)).toBe(true);
    expect(s.lockedUntil!.getTime() - now.getTime()).toBe(LOCK_MINUTES * 60_000);
    expect(isLocked(s, new Date(now.getTime() + LOCK_MINUTES * 60_000))).toBe(false);
  });

  it('counts again from one after the lock has ended, and from nothing after a good sign-in', () => {
    let s: SignInState = { failedSignIns: MAX_FAILURES, lockedUntil: new Date(now.getTime() - 1000) };
    s = afterFailure(s, now);
    expect(s).toEqual({ failedSignIns: 1, lockedUntil: null });
    expect(afterSuccess()).toEqual({ failedSignIns: 0, lockedUntil: null });
  });
});

describe('who may grant what', () => {
  const district = { districtCode: '450204' };
  const inSubdistrict = (code: string) => ({ districtCode: '450204', subdistrictCode: code });
  const districtAdmin: Grantable = { department: 'joint_meeting', role: 'admin', scope: { kind: 'district', code: '450204' } };
  const subdistrictCommunityAdmin: Grantable = { department: 'community', role: 'admin', scope: { kind: 'subdistrict', code: '450204002' } };
  const educationAdmin: Grantable = { department: 'education', role: 'admin', scope: { kind: 'district', code: '450204' } };
  const gridWorker = (code: string): Grantable => ({ department: 'community', role: 'grid_worker', scope: { kind: 'community', code } });

  it('the district\'s administrator gives any department\'s roles within the district', () => {
    for (const [department, roles] of Object.entries(ROLES)) {
      for (const [role, kinds] of Object.entries(roles)) {
        const kind = kinds[0];
        const code = { district: '450204', subdistrict: '450204002', school: '2145020403', community: '450204002003' }[kind];
        const place = kind === 'district' ? district : inSubdistrict('450204002');
        expect({ department, role, problem: grantProblem(districtAdmin, { department: department as Grantable['department'], role, scope: { kind, code } }, place) }).toEqual({ department, role, problem: undefined });
      }
    }
    expect(grantProblem(districtAdmin, { department: 'community', role: 'officer', scope: { kind: 'district', code: '450205' } }, { districtCode: '450205' })).toMatchObject({ field: 'scope.code' });
  });

  it('a department\'s administrator only their own department, within their own scope', () => {
    expect(grantProblem(subdistrictCommunityAdmin, gridWorker('450204002003'), inSubdistrict('450204002'))).toBeUndefined();
    expect(grantProblem(subdistrictCommunityAdmin, gridWorker('450204003001'), inSubdistrict('450204003'))).toMatchObject({ field: 'scope.code' });
    expect(grantProblem(subdistrictCommunityAdmin, { department: 'community', role: 'officer', scope: { kind: 'district', code: '450204' } }, district)).toMatchObject({ field: 'scope.code' });
    expect(grantProblem(subdistrictCommunityAdmin, { department: 'public_security', role: 'officer', scope: { kind: 'subdistrict', code: '450204002' } }, inSubdistrict('450204002'))).toMatchObject({ field: 'department' });
    expect(grantProblem(educationAdmin, { department: 'education', role: 'school_staff', scope: { kind: 'school', code: '2145020403' } }, inSubdistrict('450204002'))).toBeUndefined();
    expect(grantProblem(educationAdmin, { department: 'joint_meeting', role: 'admin', scope: { kind: 'district', code: '450204' } }, district)).toMatchObject({ field: 'department' });
  });

  it('roles have the scopes their work has, and nobody but an administrator grants anything', () => {
    expect(grantProblem(districtAdmin, { department: 'community', role: 'grid_worker', scope: { kind: 'district', code: '450204' } }, district)).toMatchObject({ field: 'scope.kind' });
    expect(grantProblem(districtAdmin, { department: 'education', role: 'school_staff', scope: { kind: 'subdistrict', code: '450204002' } }, inSubdistrict('450204002'))).toMatchObject({ field: 'scope.kind' });
    expect(grantProblem(districtAdmin, { department: 'police' as never, role: 'officer', scope: { kind: 'district', code: '450204' } }, district)).toMatchObject({ field: 'department' });
    expect(grantProblem(districtAdmin, { department: 'community', role: 'mayor', scope: { kind: 'district', code: '450204' } }, district)).toMatchObject({ field: 'role' });
    expect(grantProblem({ ...districtAdmin, role: 'member' }, gridWorker('450204002003'), inSubdistrict('450204002'))).toMatchObject({ field: 'role' });
  });

  it('service accounts only by the district\'s administrator', () => {
    const system: Grantable = { department: 'public_security', role: 'service', scope: { kind: 'district', code: '450204' } };
    expect(grantProblem(districtAdmin, system, district, { service: true })).toBeUndefined();
    expect(grantProblem({ ...educationAdmin, department: 'public_security' }, system, district, { service: true })).toMatchObject({ field: 'department' });
  });
});

describe('service-account secrets', () => {
  it('are derived, not stored: the same key, client and version give the same secret; a new version another', () => {
    const key = 'k'.repeat(43);
    expect(clientSecret(key, 'svc-a', 1)).toBe(clientSecret(key, 'svc-a', 1));
    expect(clientSecret(key, 'svc-a', 2)).not.toBe(clientSecret(key, 'svc-a', 1));
    expect(clientSecret(key, 'svc-b', 1)).not.toBe(clientSecret(key, 'svc-a', 1));
    expect(clientSecret(`${key}x`, 'svc-a', 1)).not.toBe(clientSecret(key, 'svc-a', 1));
  });
});
