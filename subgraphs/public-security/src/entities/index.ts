import { Household } from './household';
import { Person } from './person';
import { ResidencePermit } from './residence-permit';
import { LocateReport, LocateRequest, LocateStatus } from './locate-request';
import { EmployerViolation } from './employer-violation';

export { Household, Person, ResidencePermit, LocateRequest, LocateReport, LocateStatus, EmployerViolation };
export const entities = [Household, Person, ResidencePermit, LocateRequest, LocateReport, EmployerViolation];
