/** Chinese first; English as a toggle. */
import { useSyncExternalStore } from 'react';

const EN: Record<string, string> = {
  '控辍保学 联席会议工作台': 'Dropout control — joint-meeting dashboard',
  '登录': 'Sign in', '退出': 'Sign out', '使用统一身份认证账号登录': 'Sign in with your account at the identity provider', '会话已结束，请重新登录': 'Your session has ended; please sign in again', '登录已失效，请重新登录': 'You are no longer signed in; please sign in again',
  '账号管理': 'Accounts', '新建账号': 'Add an account', '账号': 'Accounts', '用户名': 'User name', '姓名': 'Name', '部门': 'Department', '角色': 'Role', '范围': 'Scope', '范围代码': 'Scope code', '状态': 'Status', '最近登录': 'Last sign-in',
  '重置密码': 'Reset password', '停用': 'Disable', '启用': 'Enable', '已停用': 'disabled', '已启用': 'enabled', '已锁定': 'locked', '正常': 'active', '已建立账号': 'Account made', '已修改账号': 'Account changed', '锁定': 'locked', '密码': 'password', '密钥': 'secret', '系统账号': 'service account', '修改账号': 'Change account', '修改': 'Change', '保存修改': 'Save', '取消': 'Cancel', '初始密码（只显示这一次）': 'first password (shown once)',
  '的新密码（只显示这一次）': "'s new password (shown once)", '不能再登录，已发出的令牌至多 5 分钟内失效': 'can no longer sign in; tokens already issued stop working within 5 minutes',
  '系统账号（部门系统接入）': 'Service accounts (department systems)', '客户端标识': 'Client id', '名称': 'Name', '每分钟请求上限': 'Requests per minute', '更换密钥': 'Renew secret', '的新密钥（只显示这一次，旧密钥已失效）': "'s new secret (shown once; the old one no longer works)",
  '账号变更记录（审计）': 'Account changes (audit log)', '时间': 'When', '操作人': 'By', '操作': 'Change', '内容': 'Details',
  '账号管理员': 'account administrator', '工作人员': 'officer', '学校学籍管理员': 'school registrar', '网格员': 'grid worker', '联席会议成员': 'joint-meeting member', '全区': 'district', '街道': 'subdistrict', '学校': 'school', '概览': 'Overview', '工作': 'Work', '预警与台账': 'Early warning & ledgers', '学生': 'Child',
  '发现辍学': 'Dropouts found', '已劝返': 'Returned', '仍未返校': 'Still out', '目标': 'target',
  '仍未返校学生户籍地': 'Still out by hukou region', '各校辍学人数': 'Dropouts by school', '辍学原因': 'Reasons', '随迁子女占比': 'Migrant share',
  '各部门任务办理情况': 'Tasks by department and status', '劝返进度（按月）': 'Returns by month',
  '加载中…': 'Loading…', '暂无数据': 'Nothing here', '无权查看（权限矩阵）': 'Not visible to your department (permission matrix)',
  '该部门服务暂不可用': "This department's service is unavailable", '出错了': 'Something went wrong',
  '我的任务（逾期在前）': 'My tasks (overdue first)', '全部任务': 'All tasks', '派发任务': 'Assign a task', '学生关联键': 'Child (linkage key)',
  '任务类型': 'Task type', '办结期限': 'Due date', '说明': 'Note', '派发': 'Assign', '接收': 'Accept', '开始办理': 'Start', '办结': 'Complete', '没有这条凭证记录': 'No such evidence record', '比对仍在进行，稍后刷新查看结果': 'The check is still running; refresh later for its result', '退回': 'Reject',
  '凭证编号': 'Evidence id', '登记家访': 'Record home visit', '家访情况': 'Visit notes', '逾期': 'overdue', '退回理由': 'Reason', '打开': 'Open',
  '学籍（教育）': 'Student status (education)', '户籍（公安）': 'Household registration (police)', '民政/扶贫': 'Civil affairs / poverty relief', '社区': 'Community',
  '劝返任务': 'Persuasion tasks', '时间线': 'Timeline', '辍学倾向预警': 'Early warning', '疑似辍学台账': 'Suspected dropouts', '四查三比对': 'Cross-department check',
  '运行比对': 'Run the check', '无权查看': 'not visible to you', '改派': 'Reassign', '导出 Excel': 'Export to Excel', '学校月报': 'School monthly report', '巩固率': 'Consolidation rate', '发函登记': 'Letters', '导出一生一案': 'Export case file', '办理记录': 'History', '服务不可用': 'service unavailable', '处理：派发建议任务': 'Act: assign the suggested task', '比对日期': 'Date', '无学籍': 'no student record',
};

let lang: 'zh' | 'en' = (localStorage.getItem('kc.lang') as 'zh' | 'en') ?? 'zh';
const listeners = new Set<() => void>();

export function setLang(next: 'zh' | 'en') {
  lang = next;
  localStorage.setItem('kc.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((l) => l());
}

export function useLang(): 'zh' | 'en' {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => lang);
}

export const t = (zh: string) => (lang === 'en' ? EN[zh] ?? zh : zh);

export const DEPARTMENT: Record<string, string> = { education: '教育局', public_security: '公安', civil_affairs: '民政/扶贫', community: '街道/社区', joint_meeting: '联席会议' };
export const TASK_TYPE: Record<string, string> = { HOME_VISIT: '家访', LOCATE_FAMILY: '查找家庭下落', AID: '资助帮扶', LEGAL_NOTICE: '法律告知', RE_ENROLMENT: '复学安置', LETTER_TO_ORIGIN: '函告户籍地' };
export const TASK_STATUS: Record<string, string> = { ASSIGNED: '已派发', ACCEPTED: '已接收', IN_PROGRESS: '办理中', DONE: '已办结', REJECTED: '已退回' };
export const REASON: Record<string, string> = {
  WEARY_OF_STUDY: '厌学', FAMILY_MOBILITY: '随父母流动', WORKING: '外出务工', LEARNING_DIFFICULTY: '学习困难', FAMILY_PROBLEMS: '家庭问题',
  FAMILY_POVERTY: '家庭贫困', ILLNESS_OR_DISABILITY: '疾病或残疾', EARLY_MARRIAGE: '早婚', OTHER: '其他',
};
export const ENROLLMENT: Record<string, string> = { ENROLLED: '在读', SUSPENDED: '休学', TRANSFERRED_OUT: '转出', DROPPED_OUT: '辍学', GRADUATED: '毕业', DECEASED: '死亡' };
/** who does each kind of task (docs/architecture.md#persuasion-tasks) */
export const TASK_DEPARTMENT: Record<string, string> = { HOME_VISIT: 'community', LOCATE_FAMILY: 'public_security', AID: 'civil_affairs', LEGAL_NOTICE: 'public_security', RE_ENROLMENT: 'education', LETTER_TO_ORIGIN: 'education' };
export const EVIDENCE_OF: Record<string, string> = { HOME_VISIT: 'HOME_VISIT', LOCATE_FAMILY: 'LOCATE_REPORT', AID: 'AID_GRANT', LEGAL_NOTICE: 'LEGAL_NOTICE', RE_ENROLMENT: 'RE_ENROLMENT', LETTER_TO_ORIGIN: 'LETTER' };
