import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@kongchuo/shared';
import { StudentResolver } from './resolvers/student.resolver';
import { DropoutCaseResolver } from './resolvers/dropout-case.resolver';
import { SchoolResolver } from './resolvers/school.resolver';
import { ScreeningResolver, SchoolInterviewResolver } from './resolvers/screening.resolver';
import { OverviewResolver } from './resolvers/overview.resolver';
import { referenceResolvers } from './student.reference';

export function buildEducationSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [StudentResolver, DropoutCaseResolver, SchoolResolver, ScreeningResolver, SchoolInterviewResolver, OverviewResolver], validate: false },
    referenceResolvers as never,
  );
}
