import { Household } from './household';
import { Person } from './person';
import { ResidencePermit } from './residence-permit';
import { LocateReport, LocateRequest, LocateStatus } from './locate-request';
import { EmployerViolation } from './employer-violation';
import { LegalNotice, NoticeRecipient } from './legal-notice';

export { Household, Person, ResidencePermit, LocateRequest, LocateReport, LocateStatus, EmployerViolation, LegalNotice, NoticeRecipient };
export const entities = [Household, Person, ResidencePermit, LocateRequest, LocateReport, EmployerViolation, LegalNotice];
