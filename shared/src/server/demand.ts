/**
 * Demand control, the federation way (the cost spec, `@cost`/`@listSize`, as Apollo Router and
 * Hive Gateway read it): every list field of the supergraph says how long its answer may be, so a
 * gateway can estimate what an operation asks for — objects multiplied by list sizes — before it
 * runs it, and refuse one that asks for too much.
 *
 * - A field with a `first` argument is sliced by it: `@listSize(slicingArguments: ["first"],
 *   assumedSize: <its default page>)`, and on a connection the size is that of its `nodes`
 *   (`sizedFields: ["nodes"]`).
 * - Other lists: `LIST_SIZES` below, written from the largest the district's own records make them
 *   (the Liunan demo and the 600,000-student benchmark city); a list not named here is assumed to
 *   hold `DEFAULT_LIST_SIZE` items.
 *
 * The sizes are written into every subgraph's schema when it is built (`federation.ts`) and
 * composed into the supergraph, where the gateway reads them (`gateway/src/demand-control.ts`).
 */
import { Kind, isListType, isNonNullType, type ConstDirectiveNode, type FieldDefinitionNode, type GraphQLOutputType, type TypeNode } from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../core';

/** what a list with no declared size is assumed to hold */
export const DEFAULT_LIST_SIZE = 10;

/** A field's type is a list (`[T]`, `[T!]!`, …). */
export const isListOutput = (t: GraphQLOutputType): boolean => (isNonNullType(t) ? isListOutput(t.ofType) : isListType(t));

/** assumed sizes of lists without a slicing argument, by field */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  // a district's reference lists
  'Query.schools': 400,
  'Query.subdistricts': 50,
  'Query.communities': 400,
  // the joint meeting's work: every task of the district, each meeting's resolutions
  'Query.tasks': 5000,
  'Query.myTasks': 5000,
  // a workspace's page of tasks when `first` is not given
  'Query.workQueue': 20,
  'Query.meetings': 50,
  // the supervised resolutions (the query returns at most 500) and each one's follow-ups
  'Query.supervisedResolutions': 500,
  'Resolution.followUps': 20,
  'Meeting.tasks': 2000,
  'Query.letters': 500,
  'Query.locateRequests': 2000,
  'Query.screenings': 50,
  'Query.schoolInterviews': 100,
  'Query.crossChecks': 50,
};

const listed = (t: TypeNode): boolean => (t.kind === Kind.NON_NULL_TYPE ? listed(t.type) : t.kind === Kind.LIST_TYPE);
const namedOf = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : namedOf(t.type));

const strings = (values: string[]) => ({ kind: Kind.LIST, values: values.map((v) => ({ kind: Kind.STRING, value: v })) }) as const;
const arg = (name: string, value: unknown) => ({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value }) as never;

/** The `@listSize` this field carries, if it returns a list or a page of one. */
export function listSizeDirective(type: string, field: FieldDefinitionNode): ConstDirectiveNode | undefined {
  const sliced = field.arguments?.some((a) => a.name.value === 'first');
  const connection = namedOf(field.type).endsWith('Connection');
  const args: never[] = [];
  if (sliced) {
    args.push(arg('assumedSize', { kind: Kind.INT, value: String(LIST_SIZES[`${type}.${field.name.value}`] ?? DEFAULT_PAGE_SIZE) }));
    args.push(arg('slicingArguments', strings(['first'])));
    if (connection) args.push(arg('sizedFields', strings(['nodes'])));
    args.push(arg('requireOneSlicingArgument', { kind: Kind.BOOLEAN, value: false }));
  } else if (listed(field.type) && `${type}.${field.name.value}` in LIST_SIZES) {
    args.push(arg('assumedSize', { kind: Kind.INT, value: String(LIST_SIZES[`${type}.${field.name.value}`]) }));
  } else {
    return undefined;
  }
  return { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: 'listSize' }, arguments: args };
}
