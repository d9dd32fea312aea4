export enum PovertyStatus {
  REGISTERED = 'REGISTERED',
  MONITORED = 'MONITORED',
  LIFTED = 'LIFTED',
}

export enum AidProgramme {
  TWO_EXEMPTIONS_ONE_SUBSIDY = 'TWO_EXEMPTIONS_ONE_SUBSIDY',
  NUTRITION = 'NUTRITION',
  STUDENT_GRANT = 'STUDENT_GRANT',
  MINIMUM_LIVING = 'MINIMUM_LIVING',
}

export enum DisabilityCategory {
  VISUAL = 'VISUAL',
  HEARING = 'HEARING',
  SPEECH = 'SPEECH',
  PHYSICAL = 'PHYSICAL',
  INTELLECTUAL = 'INTELLECTUAL',
  MENTAL = 'MENTAL',
  MULTIPLE = 'MULTIPLE',
}

/**
 * 儿童福利认定: the national priority groups civil affairs recognises (docs/rules.md#early-warning).
 * - 孤儿: 《国务院办公厅关于加强孤儿保障工作的意见》(国办发〔2010〕54号);
 * - 事实无人抚养儿童: 民政部等12部门《关于进一步加强事实无人抚养儿童保障工作的意见》(民发〔2019〕62号);
 * - 困境儿童: 国务院《关于加强困境儿童保障工作的意见》(国发〔2016〕36号).
 */
export enum ChildWelfareCategory {
  ORPHAN = 'ORPHAN',
  DE_FACTO_UNCARED = 'DE_FACTO_UNCARED',
  IN_DIFFICULTY = 'IN_DIFFICULTY',
}
