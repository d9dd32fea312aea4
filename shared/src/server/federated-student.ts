import { Field, ID, ObjectType } from 'type-graphql';

/**
 * The unified child as a subgraph that does not own the student list sees it: only the key.
 * Such a subgraph declares `class Student extends StudentKey {}` and adds its own fields with
 * field resolvers, batched through DataLoaders keyed by the linkage key.
 */
@ObjectType()
export abstract class StudentKey {
  @Field(() => ID, { description: '人员关联键 (HMAC of the resident ID number)' })
  id: string;
}

/**
 * Reference resolution for such a subgraph costs nothing: fields load in batches. The whole
 * representation is kept, so fields other subgraphs provided for a `@requires` reach the resolver.
 */
export const studentReference = {
  Student: { __resolveReference: (ref: { id: string }) => ref },
};

