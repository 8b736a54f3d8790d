import { useEffect, useMemo, useState } from 'react';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { isEntityRef } from '../../lib/entityRefs';

/**
 * Display titles for entity refs ("Payments" for
 * `group:default/team-payments`), from the catalog's entity presentation API
 * when the app has one, else the ref's name. Returns a lookup that answers at
 * once with the best title known so far and re-renders as better ones
 * arrive; texts that are not refs come back as they are.
 */
export function useEntityTitles(
  refs: readonly string[],
): (ref: string) => string {
  const presentationApi = useApiHolder().get(entityPresentationApiRef);
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(
    () => new Map(),
  );
  const key = [...new Set(refs)].sort().join('\n');

  useEffect(() => {
    if (!presentationApi || !key) {
      return undefined;
    }
    let live = true;
    const subscriptions: { unsubscribe(): void }[] = [];
    const remember = (ref: string, title: string) => {
      if (live) {
        setTitles(previous =>
          previous.get(ref) === title
            ? previous
            : new Map(previous).set(ref, title),
        );
      }
    };
    for (const ref of key.split('\n').filter(isEntityRef)) {
      const presentation = presentationApi.forEntity(ref);
      remember(ref, presentation.snapshot.primaryTitle);
      presentation.promise.then(
        snapshot => remember(ref, snapshot.primaryTitle),
        () => {},
      );
      if (presentation.update$) {
        subscriptions.push(
          presentation.update$.subscribe(snapshot =>
            remember(ref, snapshot.primaryTitle),
          ),
        );
      }
    }
    return () => {
      live = false;
      subscriptions.forEach(subscription => subscription.unsubscribe());
    };
  }, [presentationApi, key]);

  return useMemo(
    () => (ref: string) => {
      if (!isEntityRef(ref)) {
        return ref;
      }
      return titles.get(ref) ?? defaultEntityPresentation(ref).primaryTitle;
    },
    [titles],
  );
}
