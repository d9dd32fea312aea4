/**
 * The department's enums as the API names them: each declared in domain/ (plain TypeScript, used by
 * the rules there) and registered here for GraphQL, with the names and Chinese descriptions clients see.
 */
import { registerEnumType } from 'type-graphql';
import { AbsencePortion, RiskLevel, RiskFactor } from '../domain/early-warning';
import { LetterStatus, EnrollmentStatus, StatusChangeCode, SchoolType, Gender, DiscoverySource, DropoutReason, CaseStatus, CaseOutcome, CaseRecordKind, ResponsibilityLevel, STATUS_CHANGE_LABEL } from '../domain/enums';

registerEnumType(AbsencePortion, {
  name: 'AbsencePortion',
  description: '缺课时段',
  valuesConfig: { FULL_DAY: { description: '全天' }, MORNING: { description: '上午' }, AFTERNOON: { description: '下午' } },
});
registerEnumType(RiskLevel, {
  name: 'RiskLevel',
  description: '辍学倾向预警等级',
  valuesConfig: { NONE: { description: '无' }, LOW: { description: '关注' }, MEDIUM: { description: '预警' }, HIGH: { description: '高危' } },
});
registerEnumType(RiskFactor, {
  name: 'RiskFactor',
  description: '预警因素（来源部门见 RiskReason.department）',
  valuesConfig: {
    ABSENCE_CONSECUTIVE_WEEKS: { description: '连续数周无故缺课（教育）' }, ABSENCE_OVER_REPORT_LINE: { description: '无故缺课达到报告线（教育）' },
    ABSENCE_SOME: { description: '有无故缺课（教育）' }, PREVIOUS_DROPOUT: { description: '曾辍学（教育）' }, REPEATED_GRADE: { description: '留级（教育）' },
    RECENT_TRANSFER: { description: '新转入（教育）' }, REGISTERED_POOR: { description: '建档立卡贫困户（民政/扶贫）' }, LEFT_BEHIND: { description: '留守儿童（民政）' },
    DISABILITY: { description: '残疾（民政）' }, MIGRANT: { description: '随迁子女（公安）' }, PARENTS_AWAY: { description: '父母均外出务工（社区）' },
  },
});
registerEnumType(LetterStatus, {
  name: 'LetterStatus',
  valuesConfig: { SENT: { description: '已发函' }, ACKNOWLEDGED: { description: '对方已签收' }, REPLIED: { description: '对方已回函' } },
});
registerEnumType(EnrollmentStatus, {
  name: 'EnrollmentStatus',
  description: '学籍状态',
  valuesConfig: {
    ENROLLED: { description: '在读' },
    SUSPENDED: { description: '休学' },
    TRANSFERRED_OUT: { description: '转出' },
    DROPPED_OUT: { description: '辍学' },
    GRADUATED: { description: '毕业/结业' },
    DECEASED: { description: '死亡' },
  },
});
registerEnumType(StatusChangeCode, {
  name: 'StatusChangeCode',
  description: '学籍异动类型 (national codes: 11 招生 … 33 留级)',
  valuesConfig: Object.fromEntries(
    Object.entries(STATUS_CHANGE_LABEL).map(([code, label]) => [StatusChangeCode[Number(code)], { description: `${code} ${label}` }]),
  ),
});
registerEnumType(SchoolType, {
  name: 'SchoolType',
  valuesConfig: { PRIMARY: { description: '小学 (1–6)' }, JUNIOR: { description: '初级中学 (7–9)' }, NINE_YEAR: { description: '九年一贯制 (1–9)' } },
});
registerEnumType(Gender, { name: 'Gender' });
registerEnumType(DiscoverySource, {
  name: 'DiscoverySource',
  valuesConfig: {
    SCREENING: { description: '大排查' }, SCHOOL_REPORT: { description: '学校月报' }, CROSS_CHECK: { description: '数据比对' },
    HOME_VISIT: { description: '家访' }, OTHER_DEPARTMENT: { description: '其他部门通报' },
  },
});
registerEnumType(DropoutReason, {
  name: 'DropoutReason',
  description: '辍学原因',
  valuesConfig: {
    WEARY_OF_STUDY: { description: '厌学' }, LEARNING_DIFFICULTY: { description: '学习困难' },
    FAMILY_MOBILITY: { description: '随迁流动' }, WORKING: { description: '外出务工' },
    FAMILY_POVERTY: { description: '家庭贫困' }, FAMILY_PROBLEMS: { description: '家庭变故/监护缺失' },
    ILLNESS_OR_DISABILITY: { description: '疾病或残疾' }, EARLY_MARRIAGE: { description: '早婚早育' }, OTHER: { description: '其他' },
  },
});
registerEnumType(CaseStatus, { name: 'CaseStatus' });
registerEnumType(CaseOutcome, {
  name: 'CaseOutcome',
  valuesConfig: { RETURNED: { description: '劝返复学' }, TRANSFERRED: { description: '转学就读' }, REFERRED_OUT: { description: '移交户籍地' } },
});
registerEnumType(CaseRecordKind, {
  name: 'CaseRecordKind',
  description: '劝返过程记录类型',
  valuesConfig: {
    DISCOVERED: { description: '发现' }, HOME_VISIT: { description: '家访' }, PHONE_CALL: { description: '电话' },
    TALK: { description: '谈心谈话' }, LEGAL_NOTICE: { description: '法律告知' }, LETTER: { description: '发函' },
    RETURNED: { description: '复学' }, CLOSED: { description: '结案' }, NOTE: { description: '其他' },
  },
});
registerEnumType(ResponsibilityLevel, {
  name: 'ResponsibilityLevel',
  description: '四包责任链',
  valuesConfig: {
    BUREAU_LEADER: { description: '教育局领导包学校' }, SCHOOL_LEADER: { description: '校领导包年级' },
    HEAD_TEACHER: { description: '班主任包班' }, SUBJECT_TEACHER: { description: '科任教师包人' },
  },
});

export { AbsencePortion, RiskLevel, RiskFactor, LetterStatus, EnrollmentStatus, StatusChangeCode, SchoolType, Gender, DiscoverySource, DropoutReason, CaseStatus, CaseOutcome, CaseRecordKind, ResponsibilityLevel };
