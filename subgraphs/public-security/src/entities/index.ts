import { Household } from './household';
import { Person } from './person';
import { ResidencePermit } from './residence-permit';
import { LocateReport, LocateRequest } from './locate-request';
import { EmployerViolation } from './employer-violation';
import { LegalNotice } from './legal-notice';
import { JuvenileCaseMark } from './juvenile-case';

export * from './enums';
export { Household, Person, ResidencePermit, LocateRequest, LocateReport, EmployerViolation, LegalNotice, JuvenileCaseMark };
export const entities = [Household, Person, ResidencePermit, LocateRequest, LocateReport, EmployerViolation, LegalNotice, JuvenileCaseMark];
