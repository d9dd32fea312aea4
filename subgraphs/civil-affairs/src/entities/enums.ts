/**
 * The department's enums as the API names them: each declared in domain/ (plain TypeScript, used by
 * the rules there) and registered here for GraphQL, with the names and Chinese descriptions clients see.
 */
import { registerEnumType } from 'type-graphql';
import { PovertyStatus, AidProgramme, DisabilityCategory } from '../domain/enums';

registerEnumType(PovertyStatus, {
  name: 'PovertyStatus',
  valuesConfig: { REGISTERED: { description: '建档立卡在册' }, MONITORED: { description: '防返贫监测对象' }, LIFTED: { description: '已脱贫' } },
});
registerEnumType(AidProgramme, {
  name: 'AidProgramme',
  valuesConfig: {
    TWO_EXEMPTIONS_ONE_SUBSIDY: { description: '两免一补' }, NUTRITION: { description: '营养改善计划' },
    STUDENT_GRANT: { description: '助学金' }, MINIMUM_LIVING: { description: '低保' },
  },
});
registerEnumType(DisabilityCategory, {
  name: 'DisabilityCategory',
  valuesConfig: {
    VISUAL: { description: '视力残疾' }, HEARING: { description: '听力残疾' }, SPEECH: { description: '言语残疾' }, PHYSICAL: { description: '肢体残疾' },
    INTELLECTUAL: { description: '智力残疾' }, MENTAL: { description: '精神残疾' }, MULTIPLE: { description: '多重残疾' },
  },
});

export { PovertyStatus, AidProgramme, DisabilityCategory };
