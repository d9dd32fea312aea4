import 'reflect-metadata';
import { defineSubgraph } from '@kongchuo/shared/server';
import { entities } from './entities';
import { scopeMembers } from './scope';
import { createLoaders, type Loaders } from './loaders';
import { DropoutCaseAttestationResolver, LetterAttestationResolver } from './resolvers/attestation.resolver';
import { referenceResolvers } from './resolvers/references';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';
import { StudentResolver } from './resolvers/student.resolver';
import { DropoutCaseResolver } from './resolvers/dropout-case.resolver';
import { SchoolResolver } from './resolvers/school.resolver';
import { ScreeningResolver, SchoolInterviewResolver } from './resolvers/screening.resolver';
import { FiguresResolver } from './resolvers/figures.resolver';
import { OverviewResolver } from './resolvers/overview.resolver';
import { LetterResolver } from './resolvers/letter.resolver';
import { AttendanceResolver } from './resolvers/attendance.resolver';
import { MonthlyReportResolver } from './resolvers/monthly-report.resolver';
import { importers } from './imports/students.importer';
import { EarlyWarningPolicyResolver, EarlyWarningResolver } from './resolvers/early-warning.resolver';

export * from './entities';
export { DISTRICT_OVERVIEW_SQL, districtOverviewParams } from './resolvers/overview.resolver';

/** 教育局 subgraph: student status (学籍), schools, dropout cases, screenings, interviews, overview. */
export const education = defineSubgraph<Loaders>({
  name: 'education',
  entities,
  migrations: { sqlite, postgresql },
  resolvers: [StudentResolver, DropoutCaseResolver, SchoolResolver, ScreeningResolver, SchoolInterviewResolver, OverviewResolver, FiguresResolver, LetterResolver, AttendanceResolver, EarlyWarningResolver, EarlyWarningPolicyResolver, MonthlyReportResolver, DropoutCaseAttestationResolver, LetterAttestationResolver],
  referenceResolvers,
  loaders: createLoaders,
  // the demo world is loaded only when a service seeds it: never in production
  seed: () => import('./seed/liunan-2018').then((m) => m.seedEducation),
  importers,
  scopeMembers,
});

/** Starts the service on a port with configuration from the environment. */
export const listen = (port: number) => education.start({ port });
