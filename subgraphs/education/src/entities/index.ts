import { School } from './school';
import { Student } from './student';
import { StatusChange } from './status-change';
import { CaseRecord, DropoutCase } from './dropout-case';
import { Screening } from './screening';
import { SchoolInterview } from './school-interview';
import { ConsolidationTarget } from './consolidation-target';
import { Letter } from './letter';
import { Absence, EarlyWarningPolicy, FactorWeight, LevelThresholds, TermDates } from './attendance';

export * from './enums';
export { School, Student, StatusChange, CaseRecord, DropoutCase, Screening, SchoolInterview, ConsolidationTarget, Letter, Absence, EarlyWarningPolicy, FactorWeight, LevelThresholds, TermDates };

/** Registered by class reference (never by glob). */
export const entities = [School, Student, StatusChange, DropoutCase, CaseRecord, Screening, SchoolInterview, ConsolidationTarget, Letter, Absence, EarlyWarningPolicy];
