/**
 * The department's enums as the API names them: each declared in domain/ (plain TypeScript, used by
 * the rules there) and registered here for GraphQL, with the names and Chinese descriptions clients see.
 */
import { registerEnumType } from 'type-graphql';
import { enumValues } from '@kongchuo/shared/labels';
import { AbsencePortion, RiskLevel, RiskFactor } from '../domain/early-warning';
import { LetterStatus, EnrollmentStatus, StatusChangeCode, SchoolType, Gender, DiscoverySource, DropoutReason, CaseStatus, CaseOutcome, CaseRecordKind, ResponsibilityLevel, ChildWelfareCategory } from '../domain/enums';

registerEnumType(AbsencePortion, { name: 'AbsencePortion', description: '缺课时段', valuesConfig: enumValues('AbsencePortion') });
registerEnumType(RiskLevel, { name: 'RiskLevel', description: '辍学倾向预警等级', valuesConfig: enumValues('RiskLevel') });
registerEnumType(RiskFactor, { name: 'RiskFactor', description: '预警因素（来源部门见 RiskReason.department）', valuesConfig: enumValues('RiskFactor') });
registerEnumType(LetterStatus, { name: 'LetterStatus', valuesConfig: enumValues('LetterStatus') });
registerEnumType(EnrollmentStatus, { name: 'EnrollmentStatus', description: '学籍状态', valuesConfig: enumValues('EnrollmentStatus') });
registerEnumType(StatusChangeCode, { name: 'StatusChangeCode', description: '学籍异动类型（全国中小学生学籍信息管理系统的异动类别；编号 11 招生 … 33 留级 为本系统简写）', valuesConfig: enumValues('StatusChangeCode') });
registerEnumType(ChildWelfareCategory, { name: 'ChildWelfareCategory', valuesConfig: enumValues('ChildWelfareCategory') });
registerEnumType(SchoolType, { name: 'SchoolType', valuesConfig: enumValues('SchoolType') });
registerEnumType(Gender, { name: 'Gender', valuesConfig: enumValues('Gender') });
registerEnumType(DiscoverySource, { name: 'DiscoverySource', valuesConfig: enumValues('DiscoverySource') });
registerEnumType(DropoutReason, { name: 'DropoutReason', description: '辍学原因', valuesConfig: enumValues('DropoutReason') });
registerEnumType(CaseStatus, { name: 'CaseStatus', valuesConfig: enumValues('CaseStatus') });
registerEnumType(CaseOutcome, { name: 'CaseOutcome', valuesConfig: enumValues('CaseOutcome') });
registerEnumType(CaseRecordKind, { name: 'CaseRecordKind', description: '劝返过程记录类型', valuesConfig: enumValues('CaseRecordKind') });
registerEnumType(ResponsibilityLevel, { name: 'ResponsibilityLevel', description: '四包责任链', valuesConfig: enumValues('ResponsibilityLevel') });

export { AbsencePortion, RiskLevel, RiskFactor, LetterStatus, EnrollmentStatus, StatusChangeCode, SchoolType, Gender, DiscoverySource, DropoutReason, CaseStatus, CaseOutcome, CaseRecordKind, ResponsibilityLevel, ChildWelfareCategory };
