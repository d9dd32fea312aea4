/**
 * The student-status rules of the compulsory stage (义务教育阶段学籍规则): what the law forbids
 * everywhere, and what each province's 学籍管理实施细则 decides for itself. docs/rules.md#student-status
 * cites every rule; a province is added here with the article its rule comes from, never without.
 */

/** Forbidden in the compulsory stage at any age: the law's words, shown to whoever tries. */
export const FORBIDDEN_IN_COMPULSORY_STAGE = {
  /** 义务教育法（2018 年修正）第二十七条：对违反学校管理制度的学生，学校应当予以批评教育，不得开除。 */
  EXPULSION: '25 开除 is forbidden in compulsory education at any age (义务教育法 第二十七条: 学校应当予以批评教育，不得开除)',
  /**
   * 义务教育法 第五条、第十一条 oblige the guardian and the government to see the child complete
   * the nine years; provinces' 学籍 rules (e.g. 湖南省中小学生学籍管理实施细则 2019, its 退学 article:
   * 义务教育阶段学生不能退学) therefore have no 退学 in the compulsory stage.
   */
  WITHDRAWAL: '24 退学 is not possible in the compulsory stage (义务教育法 第五条、第十一条; provinces\' 学籍 rules)',
} as const;

/** What a pupil who has stopped coming is recorded as instead: the school reports it and the 学籍 is kept. */
export const INSTEAD_OF_LEAVING = 'if the pupil has stopped attending, record 28 辍学: the 学籍 is kept and a case (一生一案) opens';

export type RepetitionRule =
  /** 留级 is not possible in the compulsory stage */
  | { kind: 'FORBIDDEN' }
  /** 留级 only on the guardian's written application, approved by the 学籍主管部门 (an approval reference is recorded) */
  | { kind: 'ON_APPLICATION'; needsApproval: boolean };

export interface ProvinceStatusRules {
  /** GB/T 2260 province code, two digits */
  province: string;
  /** the rule text these values come from */
  source: string;
  repetition: RepetitionRule;
}

/**
 * The provinces whose rules have been entered, each with its source. 湖南 is the one whose text was
 * read for this table (湖南省中小学生学籍管理实施细则, 2019, 第十四条: 义务教育阶段学生…不能留级).
 */
export const PROVINCE_STATUS_RULES: Record<string, ProvinceStatusRules> = {
  '43': {
    province: '43',
    source: '湖南省中小学生学籍管理实施细则（2019）退学条款（义务教育阶段学生不能退学、辍学）、第十四条（义务教育阶段学生不能留级）',
    repetition: { kind: 'FORBIDDEN' },
  },
};

/**
 * Where a province's own rule has not been entered (广西 among them), the baseline applies: the
 * stricter common reading of the provinces' rules — 留级 only on the guardian's written application,
 * approved by the 学籍主管部门 — so that no 留级 is recorded without the paper a province asks for.
 * The API says which applies (`studentStatusRules.source`).
 */
export const BASELINE_STATUS_RULES = (province: string): ProvinceStatusRules => ({
  province,
  source: '本省细则未录入：按基线规则（留级须监护人书面申请并经学籍主管部门核准）；开除、退学依义务教育法一律禁止',
  repetition: { kind: 'ON_APPLICATION', needsApproval: true },
});

export const statusRulesFor = (province: string): ProvinceStatusRules => PROVINCE_STATUS_RULES[province] ?? BASELINE_STATUS_RULES(province);

/** The paper a 留级 comes with. */
export interface RepetitionPapers {
  guardianApplication: boolean;
  approvalReference: string | null;
}

/** Why a 留级 cannot be recorded under the province's rule (field and reason), or null when it can. */
export function repetitionRefusal(rule: RepetitionRule, papers: RepetitionPapers): { field: string; reason: string } | null {
  if (rule.kind === 'FORBIDDEN') return { field: 'code', reason: '33 留级 is not possible in the compulsory stage under this province\'s 学籍 rules; promote (31 升级) and support the pupil instead' };
  if (!papers.guardianApplication) return { field: 'guardianApplication', reason: '33 留级 needs the guardian\'s written application (监护人书面申请)' };
  if (rule.needsApproval && !papers.approvalReference?.trim()) return { field: 'approvalReference', reason: '33 留级 needs the 学籍主管部门\'s approval: give its reference (核准文号)' };
  return null;
}
