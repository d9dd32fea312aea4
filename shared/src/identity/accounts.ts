import type { Identity } from './identity';
import { DEMO_DISTRICT_CODE } from '../domain';

/**
 * The codes the demo accounts' scopes point at; the demo seeders create these places.
 * 柳南区第三小学 is one of the ten schools interviewed on 25 April 2018.
 */
export const DEMO_SCOPES = {
  district: DEMO_DISTRICT_CODE,
  school: '2145020403',
  subdistrict: '450204002',
  community: '450204002003',
} as const;

/** Demo accounts of docs/architecture.md#contract-with-the-outside (synthetic officers; no real people). */
export const DEMO_ACCOUNTS: Readonly<Record<string, Identity>> = {
  'edu-admin': {
    user: 'edu-admin', name: '区教育局教管办（演示）', department: 'education', role: 'admin',
    scope: { kind: 'district', code: DEMO_SCOPES.district },
  },
  'school-staff': {
    user: 'school-staff', name: '学校学籍管理员（演示）', department: 'education', role: 'school_staff',
    scope: { kind: 'school', code: DEMO_SCOPES.school },
  },
  police: {
    user: 'police', name: '区公安分局户政民警（演示）', department: 'public_security', role: 'officer',
    scope: { kind: 'district', code: DEMO_SCOPES.district },
  },
  'civil-affairs': {
    user: 'civil-affairs', name: '区民政局/扶贫办专干（演示）', department: 'civil_affairs', role: 'officer',
    scope: { kind: 'district', code: DEMO_SCOPES.district },
  },
  community: {
    user: 'community', name: '街道社区办干部（演示）', department: 'community', role: 'officer',
    scope: { kind: 'subdistrict', code: DEMO_SCOPES.subdistrict },
  },
  'grid-worker': {
    user: 'grid-worker', name: '社区网格员（演示）', department: 'community', role: 'grid_worker',
    scope: { kind: 'community', code: DEMO_SCOPES.community },
  },
  'joint-meeting': {
    user: 'joint-meeting', name: '控辍保学联席会议办公室（演示）', department: 'joint_meeting', role: 'member',
    scope: { kind: 'district', code: DEMO_SCOPES.district },
  },
};
