import { useEffect, useState } from 'react';
import { personApi } from './people-api.ts';

/**
 * The names of other people a page refers to (linked records, guardians in the history), read one by
 * one; null for someone the signed-in staff member may not open.
 */
export function usePersonNames(ids: readonly string[]): ReadonlyMap<string, string | null> {
  const [names, setNames] = useState<ReadonlyMap<string, string | null>>(new Map());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let current = true;
    const wanted = key ? key.split(',') : [];
    Promise.all(
      wanted.map((id) =>
        personApi.get(id).then(
          (p): [string, string | null] => [id, `${p.givenName} ${p.familyName}`],
          (): [string, string | null] => [id, null],
        ),
      ),
    ).then((entries) => {
      if (current) setNames(new Map(entries));
    });
    return () => {
      current = false;
    };
  }, [key]);
  return names;
}
