/** Enrollment status (学籍状态), docs/architecture.md#contract-with-the-outside. */
export enum EnrollmentStatus {
  ENROLLED = 'ENROLLED',
  SUSPENDED = 'SUSPENDED',
  TRANSFERRED_OUT = 'TRANSFERRED_OUT',
  DROPPED_OUT = 'DROPPED_OUT',
  GRADUATED = 'GRADUATED',
  DECEASED = 'DECEASED',
}

/**
 * Status-change kinds (学籍异动). The kinds are those the national student-status system
 * (全国中小学生学籍信息管理系统) records — 招生/转入/复学, 毕业/结业, 休学, 退学, 开除, 死亡, 转出, 辍学,
 * 升级, 调班, 留级; the two-digit numbers are this system's own shorthand, not a published code table
 * (docs/rules.md#student-status). Which of them the compulsory stage allows: status-rules.ts.
 */
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

export enum SchoolType {
  PRIMARY = 'PRIMARY',
  JUNIOR = 'JUNIOR',
  NINE_YEAR = 'NINE_YEAR',
}

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

/** How a dropout came to light. */
export enum DiscoverySource {
  SCREENING = 'SCREENING',
  SCHOOL_REPORT = 'SCHOOL_REPORT',
  CROSS_CHECK = 'CROSS_CHECK',
  HOME_VISIT = 'HOME_VISIT',
  OTHER_DEPARTMENT = 'OTHER_DEPARTMENT',
}

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

export enum CaseStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** How a case ends: 劝返 (back at school), 转学 (in school elsewhere), 转介 (handed to the origin region). */
export enum CaseOutcome {
  RETURNED = 'RETURNED',
  TRANSFERRED = 'TRANSFERRED',
  REFERRED_OUT = 'REFERRED_OUT',
}

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

/** The "四包" chain: bureau leader → school, school leader → grade, head teacher → class, subject teacher → child. */
export enum ResponsibilityLevel {
  BUREAU_LEADER = 'BUREAU_LEADER',
  SCHOOL_LEADER = 'SCHOOL_LEADER',
  HEAD_TEACHER = 'HEAD_TEACHER',
  SUBJECT_TEACHER = 'SUBJECT_TEACHER',
}

export enum LetterStatus {
  SENT = 'SENT',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  REPLIED = 'REPLIED',
}

/** Civil affairs' 儿童福利认定 categories, as the early warning reads them (the values are civil affairs'). */
export enum ChildWelfareCategory {
  ORPHAN = 'ORPHAN',
  DE_FACTO_UNCARED = 'DE_FACTO_UNCARED',
  IN_DIFFICULTY = 'IN_DIFFICULTY',
}
