import { useEffect, useState } from 'react';
import { gql, type Document, type GqlError } from './api';

export interface Loaded<T> { data: T | null; errors: GqlError[]; loading: boolean }

/** One GraphQL read; it runs again when the document, the variables or `refresh` change; `null` reads nothing. */
export function useQuery<R, V>(query: Document<R, V> | null, variables: V, refresh = 0): Loaded<R> {
  const [state, setState] = useState<Loaded<R>>({ data: null, errors: [], loading: true });
  const key = `${JSON.stringify(variables)}#${refresh}`;
  useEffect(() => {
    let live = true;
    if (!query) {
      setState({ data: null, errors: [], loading: false });
      return;
    }
    gql(query, variables).then((r) => live && setState({ ...r, loading: false }));
    return () => {
      live = false;
    };
  }, [query, key]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}
