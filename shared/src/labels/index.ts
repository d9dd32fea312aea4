/**
 * 代码与名称: the one place every code the API, the reports or the dashboard shows gets its words,
 * in Chinese and English. Each GraphQL enum's value descriptions are read from here when a
 * subgraph registers it (`enumValues`), the Excel reports and the docs read it, and the dashboard
 * imports this file as it is (it imports nothing, so it runs in a browser too).
 *
 * `test/unit/labels.test.ts` holds it to the schema: every value of every enum of the supergraph
 * has its words here, and nothing here names a value that does not exist.
 */

/** A code's words: Chinese first, then English. */
export type Label = readonly [zh: string, en: string];
export type Lang = 'zh' | 'en';

const DEPARTMENT = {
  education: ['教育局', 'Education bureau'],
  public_security: ['公安', 'Public security'],
  civil_affairs: ['民政/扶贫', 'Civil affairs / poverty relief'],
  community: ['街道/社区', 'Subdistrict / community'],
  joint_meeting: ['联席会议', 'Joint meeting'],
} as const satisfies Record<string, Label>;

export const LABELS = {
  // ---- who: departments, roles, scopes (the signed identity's words)
  Department: DEPARTMENT,
  Role: {
    admin: ['账号管理员', 'account administrator'], officer: ['工作人员', 'officer'], school_staff: ['学校工作人员', 'school staff'],
    grid_worker: ['网格员', 'grid worker'], member: ['联席会议成员', 'joint-meeting member'], service: ['系统账号', 'service account'],
  },
  ScopeKind: { district: ['全区', 'district'], school: ['学校', 'school'], subdistrict: ['街道', 'subdistrict'], community: ['社区', 'community'] },

  // ---- education (教育局)
  AbsencePortion: { FULL_DAY: ['全天', 'full day'], MORNING: ['上午', 'morning'], AFTERNOON: ['下午', 'afternoon'] },
  RiskLevel: { NONE: ['无', 'none'], LOW: ['关注', 'watch'], MEDIUM: ['预警', 'warning'], HIGH: ['高危', 'high risk'] },
  RiskFactor: {
    ABSENCE_CONSECUTIVE_WEEKS: ['连续数周无故缺课（教育）', 'absent without leave for weeks in a row (education)'],
    ABSENCE_OVER_REPORT_LINE: ['无故缺课达到报告线（教育）', 'unexcused absence over the reporting line (education)'],
    ABSENCE_SOME: ['有无故缺课（教育）', 'some unexcused absence (education)'],
    PREVIOUS_DROPOUT: ['曾辍学（教育）', 'dropped out before (education)'],
    REPEATED_GRADE: ['留级（教育）', 'repeated a grade (education)'],
    RECENT_TRANSFER: ['新转入（教育）', 'recently transferred in (education)'],
    REGISTERED_POOR: ['建档立卡贫困户（民政/扶贫）', 'registered poor household (civil affairs)'],
    LEFT_BEHIND: ['留守儿童（民政）', 'left-behind child (civil affairs)'],
    DISABILITY: ['残疾（民政）', 'disability (civil affairs)'],
    MIGRANT: ['随迁子女（公安）', 'migrant child (public security)'],
    PARENTS_AWAY: ['父母均外出务工（社区）', 'both parents work away (community)'],
    ORPHAN: ['孤儿（民政）', 'orphan (civil affairs)'],
    DE_FACTO_UNCARED: ['事实无人抚养儿童（民政）', 'child without de facto carers (civil affairs)'],
    IN_DIFFICULTY: ['困境儿童（民政）', 'child in difficulty (civil affairs)'],
    INVOLVED_IN_CASE: ['涉案未成年人（公安）', 'minor involved in a case (public security)'],
  },
  LetterStatus: { SENT: ['已发函', 'sent'], ACKNOWLEDGED: ['对方已签收', 'acknowledged'], REPLIED: ['对方已回函', 'replied'] },
  EnrollmentStatus: {
    ENROLLED: ['在读', 'enrolled'], SUSPENDED: ['休学', 'suspended'], TRANSFERRED_OUT: ['转出', 'transferred out'],
    DROPPED_OUT: ['辍学', 'dropped out'], GRADUATED: ['毕业/结业', 'graduated'], DECEASED: ['死亡', 'deceased'],
  },
  StatusChangeCode: {
    ADMISSION: ['11 招生', '11 admission'], RESUMPTION: ['12 复学', '12 resumption'], TRANSFER_IN: ['13 转入', '13 transfer in'],
    GRADUATION: ['21 毕业', '21 graduation'], COMPLETION: ['22 结业', '22 completion'], SUSPENSION: ['23 休学', '23 suspension'],
    WITHDRAWAL: ['24 退学', '24 withdrawal'], EXPULSION: ['25 开除', '25 expulsion'], DEATH: ['26 死亡', '26 death'],
    TRANSFER_OUT: ['27 转出', '27 transfer out'], DROPOUT: ['28 辍学', '28 dropout'], PROMOTION: ['31 升级', '31 promotion'],
    CLASS_CHANGE: ['32 调班', '32 class change'], REPETITION: ['33 留级', '33 repetition'],
  },
  SchoolType: { PRIMARY: ['小学 (1–6)', 'primary (1–6)'], JUNIOR: ['初级中学 (7–9)', 'junior secondary (7–9)'], NINE_YEAR: ['九年一贯制 (1–9)', 'nine-year school (1–9)'] },
  Gender: { MALE: ['男', 'male'], FEMALE: ['女', 'female'] },
  DiscoverySource: {
    SCREENING: ['大排查', 'screening'], SCHOOL_REPORT: ['学校月报', 'school monthly report'], CROSS_CHECK: ['数据比对', 'cross-check'],
    HOME_VISIT: ['家访', 'home visit'], OTHER_DEPARTMENT: ['其他部门通报', 'another department'],
  },
  DropoutReason: {
    WEARY_OF_STUDY: ['厌学', 'weary of study'], LEARNING_DIFFICULTY: ['学习困难', 'learning difficulty'], FAMILY_MOBILITY: ['随迁流动', 'family moved'],
    WORKING: ['外出务工', 'went to work'], FAMILY_POVERTY: ['家庭贫困', 'family poverty'], FAMILY_PROBLEMS: ['家庭变故/监护缺失', 'family problems / no carer'],
    ILLNESS_OR_DISABILITY: ['疾病或残疾', 'illness or disability'], EARLY_MARRIAGE: ['早婚早育', 'early marriage'], OTHER: ['其他', 'other'],
  },
  CaseStatus: { OPEN: ['未销号', 'open'], CLOSED: ['已销号', 'closed'] },
  CaseOutcome: { RETURNED: ['劝返复学', 'returned to school'], TRANSFERRED: ['转学就读', 'studying elsewhere'], REFERRED_OUT: ['移交户籍地', 'referred to the origin region'] },
  CaseRecordKind: {
    DISCOVERED: ['发现', 'discovered'], HOME_VISIT: ['家访', 'home visit'], PHONE_CALL: ['电话', 'phone call'], TALK: ['谈心谈话', 'talk'],
    LEGAL_NOTICE: ['法律告知', 'legal notice'], LETTER: ['发函', 'letter'], RETURNED: ['复学', 'returned'], CLOSED: ['销号', 'closed'], NOTE: ['其他', 'note'],
  },
  ResponsibilityLevel: {
    BUREAU_LEADER: ['教育局领导包学校', 'bureau leader for the school'], SCHOOL_LEADER: ['校领导包年级', 'school leader for the grade'],
    HEAD_TEACHER: ['班主任包班', 'head teacher for the class'], SUBJECT_TEACHER: ['科任教师包人', 'subject teacher for the pupil'],
  },

  // ---- public security (公安)
  NoticeRecipient: { GUARDIAN: ['监护人', 'guardian'], EMPLOYER: ['用人单位', 'employer'] },
  LocateStatus: { OPEN: ['协查中', 'open'], REPORTED: ['已反馈', 'reported'] },
  RegisteredAreaType: { URBAN: ['城镇', 'urban'], RURAL: ['乡村', 'rural'] },

  // ---- civil affairs (民政/扶贫)
  PovertyStatus: { REGISTERED: ['建档立卡在册', 'registered poor'], MONITORED: ['防返贫监测对象', 'monitored against relapse'], LIFTED: ['已脱贫', 'lifted out of poverty'] },
  AidProgramme: {
    TWO_EXEMPTIONS_ONE_SUBSIDY: ['两免一补', 'two exemptions, one subsidy'], NUTRITION: ['营养改善计划', 'nutrition programme'],
    STUDENT_GRANT: ['助学金', 'student grant'], MINIMUM_LIVING: ['低保', 'minimum living allowance'],
  },
  DisabilityCategory: {
    VISUAL: ['视力残疾', 'visual'], HEARING: ['听力残疾', 'hearing'], SPEECH: ['言语残疾', 'speech'], PHYSICAL: ['肢体残疾', 'physical'],
    INTELLECTUAL: ['智力残疾', 'intellectual'], MENTAL: ['精神残疾', 'mental'], MULTIPLE: ['多重残疾', 'multiple'],
  },
  ChildWelfareCategory: { ORPHAN: ['孤儿', 'orphan'], DE_FACTO_UNCARED: ['事实无人抚养儿童', 'child without de facto carers'], IN_DIFFICULTY: ['困境儿童', 'child in difficulty'] },

  // ---- community (街道/社区)
  VisitOutcome: {
    MET_FAMILY: ['见到家长', 'met the parents'], MET_CHILD: ['见到学生', 'met the child'], CHILD_PERSUADED: ['动员成功', 'child persuaded'],
    REFUSED: ['拒绝', 'refused'], NOT_HOME: ['无人在家', 'nobody home'], MOVED_AWAY: ['已搬离', 'moved away'],
  },

  // ---- joint meeting (联席会议)
  LedgerKind: { SCHOOL_AGE: ['适龄儿童台账', 'school-age children'], SUSPECTED_DROPOUT: ['疑似辍学台账', 'suspected dropouts'], DROPOUT: ['辍学台账', 'dropouts'] },
  FindingKind: {
    NEVER_ENROLLED: ['有户籍/居住登记、无学籍（未入学）', 'registered here but never enrolled'],
    LEFT_SCHOOL: ['学籍转出但仍在本区（去向待核）', 'transferred out but still living here'],
    NOT_ATTENDING: ['在籍未在校（缺课达到报告线）', 'enrolled but not attending'],
    TREAT_AS_DROPOUT: ['连续缺课达到规定周数，视为辍学', 'absent long enough to count as a dropout'],
    POOR_DROPOUT: ['辍学学生属建档立卡贫困户', 'dropout from a registered poor household'],
  },
  CrossCheckStatus: { QUEUED: ['排队中', 'queued'], RUNNING: ['比对中', 'running'], DONE: ['已完成', 'done'], FAILED: ['失败', 'failed'] },
  FindingStatus: { OPEN: ['待处理', 'open'], ACTED: ['已交办任务', 'task assigned'], DISMISSED: ['核实排除', 'dismissed'] },
  TaskType: {
    HOME_VISIT: ['家访', 'home visit'], LOCATE_FAMILY: ['查找家庭下落', 'locate the family'], AID: ['资助帮扶', 'aid'],
    LEGAL_NOTICE: ['法律告知', 'legal notice'], RE_ENROLMENT: ['复学安置', 're-enrolment'], LETTER_TO_ORIGIN: ['函告户籍地', 'letter to the origin region'],
  },
  TaskStatus: { ASSIGNED: ['已交办', 'assigned'], ACCEPTED: ['已接收', 'accepted'], IN_PROGRESS: ['办理中', 'in progress'], DONE: ['已办结', 'done'], REJECTED: ['已退回', 'rejected'] },
  TaskAction: { ASSIGN: ['交办', 'assigned'], ACCEPT: ['接收', 'accepted'], START: ['开始办理', 'started'], COMPLETE: ['办结', 'completed'], REJECT: ['退回', 'rejected'], REASSIGN: ['重新交办', 'reassigned'] },
  ResolutionStatus: { RECORDED: ['已记录（未列入督办）', 'recorded (not supervised)'], SUPERVISED: ['督办中', 'under supervision'], CARRIED_OUT: ['已落实', 'carried out'] },
  FollowUpKind: { PROGRESS: ['进展报告', 'progress report'], CARRIED_OUT: ['落实报告', 'carried out'], URGED: ['督促', 'urged'] },
  EvidenceKind: {
    HOME_VISIT: ['家访记录', 'home-visit record'], LOCATE_REPORT: ['协查反馈', 'locate report'], AID_GRANT: ['资助发放记录', 'aid grant'],
    LEGAL_NOTICE: ['法律告知书送达记录', 'legal notice served'], RE_ENROLMENT: ['复学登记', 'return to school'], LETTER: ['函件', 'letter'],
  },

  // ---- shared
  ImportStatus: { STAGING: ['上传中', 'uploading'], COMMITTED: ['已导入', 'imported'], REJECTED: ['有错误，未导入', 'rejected with errors'] },
} as const satisfies Record<string, Record<string, Label>>;

export type Vocabulary = keyof typeof LABELS;
export type CodeOf<V extends Vocabulary> = keyof (typeof LABELS)[V] & string;

/** The words for `code` in `vocabulary`; an unknown code is returned as it is, marked, so a test finds it. */
export function label(vocabulary: Vocabulary, code: string | null | undefined, lang: Lang = 'zh'): string {
  if (code == null) return '';
  const words = (LABELS[vocabulary] as Record<string, Label>)[code];
  return words ? words[lang === 'zh' ? 0 : 1] : `⟨${code}⟩`;
}

/** A vocabulary as type-graphql's `registerEnumType` takes it: each value described in Chinese. */
export function enumValues(vocabulary: Vocabulary): Record<string, { description: string }> {
  return Object.fromEntries(Object.entries(LABELS[vocabulary] as Record<string, Label>).map(([code, [zh]]) => [code, { description: zh }]));
}

/** A department's name. */
export const departmentLabel = (department: string, lang: Lang = 'zh') => label('Department', department, lang);
