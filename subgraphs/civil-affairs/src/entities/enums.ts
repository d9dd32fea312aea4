import { registerEnumType } from 'type-graphql';

export enum PovertyStatus {
  REGISTERED = 'REGISTERED',
  MONITORED = 'MONITORED',
  LIFTED = 'LIFTED',
}
registerEnumType(PovertyStatus, {
  name: 'PovertyStatus',
  valuesConfig: { REGISTERED: { description: '建档立卡在册' }, MONITORED: { description: '防返贫监测对象' }, LIFTED: { description: '已脱贫' } },
});

export enum AidProgramme {
  TWO_EXEMPTIONS_ONE_SUBSIDY = 'TWO_EXEMPTIONS_ONE_SUBSIDY',
  NUTRITION = 'NUTRITION',
  STUDENT_GRANT = 'STUDENT_GRANT',
  MINIMUM_LIVING = 'MINIMUM_LIVING',
}
registerEnumType(AidProgramme, {
  name: 'AidProgramme',
  valuesConfig: {
    TWO_EXEMPTIONS_ONE_SUBSIDY: { description: '两免一补' }, NUTRITION: { description: '营养改善计划' },
    STUDENT_GRANT: { description: '助学金' }, MINIMUM_LIVING: { description: '低保' },
  },
});

export enum DisabilityCategory {
  VISUAL = 'VISUAL',
  HEARING = 'HEARING',
  SPEECH = 'SPEECH',
  PHYSICAL = 'PHYSICAL',
  INTELLECTUAL = 'INTELLECTUAL',
  MENTAL = 'MENTAL',
  MULTIPLE = 'MULTIPLE',
}
registerEnumType(DisabilityCategory, {
  name: 'DisabilityCategory',
  valuesConfig: {
    VISUAL: { description: '视力残疾' }, HEARING: { description: '听力残疾' }, SPEECH: { description: '言语残疾' }, PHYSICAL: { description: '肢体残疾' },
    INTELLECTUAL: { description: '智力残疾' }, MENTAL: { description: '精神残疾' }, MULTIPLE: { description: '多重残疾' },
  },
});
