import { registerEnumType } from 'type-graphql';

/** Enrollment status (学籍状态), DESIGN §6. */
export enum EnrollmentStatus {
  ENROLLED = 'ENROLLED',
  SUSPENDED = 'SUSPENDED',
  TRANSFERRED_OUT = 'TRANSFERRED_OUT',
  DROPPED_OUT = 'DROPPED_OUT',
  GRADUATED = 'GRADUATED',
  DECEASED = 'DECEASED',
}
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

/** Status-change codes in use in the national student-status system (学籍异动代码). */
export enum StatusChangeCode {
  ADMISSION = 11,
  RESUMPTION = 12,
  TRANSFER_IN = 13,
  GRADUATION = 21,
  COMPLETION = 22,
  SUSPENSION = 23,
  WITHDRAWAL = 24,
  EXPULSION = 25,
  DEATH = 26,
  TRANSFER_OUT = 27,
  DROPOUT = 28,
  PROMOTION = 31,
  CLASS_CHANGE = 32,
  REPETITION = 33,
}
export const STATUS_CHANGE_LABEL: Record<StatusChangeCode, string> = {
  11: '招生', 12: '复学', 13: '转入', 21: '毕业', 22: '结业', 23: '休学', 24: '退学', 25: '开除',
  26: '死亡', 27: '转出', 28: '辍学', 31: '升级', 32: '调班', 33: '留级',
};
registerEnumType(StatusChangeCode, {
  name: 'StatusChangeCode',
  description: '学籍异动类型 (national codes: 11 招生 … 33 留级)',
  valuesConfig: Object.fromEntries(
    Object.entries(STATUS_CHANGE_LABEL).map(([code, label]) => [StatusChangeCode[Number(code)], { description: `${code} ${label}` }]),
  ),
});

export enum SchoolType {
  PRIMARY = 'PRIMARY',
  JUNIOR = 'JUNIOR',
  NINE_YEAR = 'NINE_YEAR',
}
registerEnumType(SchoolType, {
  name: 'SchoolType',
  valuesConfig: { PRIMARY: { description: '小学 (1–6)' }, JUNIOR: { description: '初级中学 (7–9)' }, NINE_YEAR: { description: '九年一贯制 (1–9)' } },
});

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Gender, { name: 'Gender' });

/** How a dropout came to light. */
export enum DiscoverySource {
  SCREENING = 'SCREENING',
  SCHOOL_REPORT = 'SCHOOL_REPORT',
  CROSS_CHECK = 'CROSS_CHECK',
  HOME_VISIT = 'HOME_VISIT',
  OTHER_DEPARTMENT = 'OTHER_DEPARTMENT',
}
registerEnumType(DiscoverySource, {
  name: 'DiscoverySource',
  valuesConfig: {
    SCREENING: { description: '大排查' }, SCHOOL_REPORT: { description: '学校月报' }, CROSS_CHECK: { description: '数据比对' },
    HOME_VISIT: { description: '家访' }, OTHER_DEPARTMENT: { description: '其他部门通报' },
  },
});

export enum DropoutReason {
  WEARY_OF_STUDY = 'WEARY_OF_STUDY',
  LEARNING_DIFFICULTY = 'LEARNING_DIFFICULTY',
  FAMILY_MOBILITY = 'FAMILY_MOBILITY',
  WORKING = 'WORKING',
  FAMILY_POVERTY = 'FAMILY_POVERTY',
  FAMILY_PROBLEMS = 'FAMILY_PROBLEMS',
  ILLNESS_OR_DISABILITY = 'ILLNESS_OR_DISABILITY',
  EARLY_MARRIAGE = 'EARLY_MARRIAGE',
  OTHER = 'OTHER',
}
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

export enum CaseStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(CaseStatus, { name: 'CaseStatus' });

/** How a case ends: 劝返 (back at school), 转学 (in school elsewhere), 转介 (handed to the origin region). */
export enum CaseOutcome {
  RETURNED = 'RETURNED',
  TRANSFERRED = 'TRANSFERRED',
  REFERRED_OUT = 'REFERRED_OUT',
}
registerEnumType(CaseOutcome, {
  name: 'CaseOutcome',
  valuesConfig: { RETURNED: { description: '劝返复学' }, TRANSFERRED: { description: '转学就读' }, REFERRED_OUT: { description: '移交户籍地' } },
});

export enum CaseRecordKind {
  DISCOVERED = 'DISCOVERED',
  HOME_VISIT = 'HOME_VISIT',
  PHONE_CALL = 'PHONE_CALL',
  TALK = 'TALK',
  LEGAL_NOTICE = 'LEGAL_NOTICE',
  LETTER = 'LETTER',
  RETURNED = 'RETURNED',
  CLOSED = 'CLOSED',
  NOTE = 'NOTE',
}
registerEnumType(CaseRecordKind, {
  name: 'CaseRecordKind',
  description: '劝返过程记录类型',
  valuesConfig: {
    DISCOVERED: { description: '发现' }, HOME_VISIT: { description: '家访' }, PHONE_CALL: { description: '电话' },
    TALK: { description: '谈心谈话' }, LEGAL_NOTICE: { description: '法律告知' }, LETTER: { description: '发函' },
    RETURNED: { description: '复学' }, CLOSED: { description: '结案' }, NOTE: { description: '其他' },
  },
});

/** The "四包" chain: bureau leader → school, school leader → grade, head teacher → class, subject teacher → child. */
export enum ResponsibilityLevel {
  BUREAU_LEADER = 'BUREAU_LEADER',
  SCHOOL_LEADER = 'SCHOOL_LEADER',
  HEAD_TEACHER = 'HEAD_TEACHER',
  SUBJECT_TEACHER = 'SUBJECT_TEACHER',
}
registerEnumType(ResponsibilityLevel, {
  name: 'ResponsibilityLevel',
  description: '四包责任链',
  valuesConfig: {
    BUREAU_LEADER: { description: '教育局领导包学校' }, SCHOOL_LEADER: { description: '校领导包年级' },
    HEAD_TEACHER: { description: '班主任包班' }, SUBJECT_TEACHER: { description: '科任教师包人' },
  },
});
