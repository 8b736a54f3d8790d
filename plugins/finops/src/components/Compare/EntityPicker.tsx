import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  defaultEntityPresentation,
} from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import { refKind } from '../../lib/entityRefs';
import { finopsTranslationRef } from '../../translation';

/** A catalog entity the picker offers. */
interface PickerOption {
  ref: string;
  title: string;
  kind: string;
}

/** The kinds a comparison is made of. */
const PICKER_KINDS = ['Group', 'Component'];

/** At most this many suggestions per search. */
const SUGGESTIONS = 50;

function toOption(entity: Entity): PickerOption {
  return {
    ref: stringifyEntityRef(entity),
    title: defaultEntityPresentation(entity).primaryTitle,
    kind: entity.kind,
  };
}

/**
 * Picks teams (Groups) and components from the catalog, searching as the
 * user types; the value is a list of entity refs. `titleOf` names the refs
 * already chosen (e.g. from the URL) before the catalog has answered.
 */
export function EntityPicker(props: {
  value: string[];
  onChange: (refs: string[]) => void;
  titleOf: (ref: string) => string;
}) {
  const { t } = useTranslationRef(finopsTranslationRef);
  const catalogApi = useApi(catalogApiRef);
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setTerm(input.trim()), 250);
    return () => clearTimeout(timer);
  }, [input]);

  const suggestions = useAsync(async () => {
    if (!open) {
      return [];
    }
    const response = await catalogApi.queryEntities({
      filter: { kind: PICKER_KINDS },
      ...(term
        ? {
            fullTextFilter: {
              term,
              fields: [
                'metadata.name',
                'metadata.title',
                'spec.profile.displayName',
              ],
            },
          }
        : {}),
      orderFields: [{ field: 'metadata.name', order: 'asc' }],
      limit: SUGGESTIONS,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
      totalItems: 'exclude',
    });
    return response.items.map(toOption);
  }, [catalogApi, term, open]);

  const chosen: PickerOption[] = props.value.map(ref => ({
    ref,
    title: props.titleOf(ref),
    kind: refKind(ref),
  }));
  const options = [
    ...(suggestions.value ?? []).filter(
      option => !props.value.includes(option.ref),
    ),
  ].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title),
  );

  return (
    <Autocomplete<PickerOption, true, false, false>
      multiple
      id="finops-compare-entities"
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      value={chosen}
      options={options}
      loading={suggestions.loading}
      filterOptions={candidates => candidates}
      groupBy={option =>
        option.kind.toLocaleLowerCase('en-US') === 'group'
          ? t('compare.teamsGroup')
          : t('compare.componentsGroup')
      }
      getOptionLabel={option => option.title}
      getOptionSelected={(option, selected) => option.ref === selected.ref}
      renderOption={option => (
        <span data-testid="finops-compare-option">
          {option.title} <small style={{ opacity: 0.7 }}>({option.ref})</small>
        </span>
      )}
      renderTags={(values, getTagProps) =>
        values.map((option, index) => (
          <Chip
            {...getTagProps({ index })}
            key={option.ref}
            size="small"
            label={option.title}
            title={option.ref}
          />
        ))
      }
      inputValue={input}
      onInputChange={(_event, value, reason) => {
        if (reason !== 'reset') {
          setInput(value);
        }
      }}
      onChange={(_event, values) => {
        setInput('');
        props.onChange(values.map(option => option.ref));
      }}
      noOptionsText={t('compare.noOptions')}
      loadingText={t('compare.loadingOptions')}
      renderInput={params => (
        <TextField
          {...params}
          variant="outlined"
          size="small"
          label={t('compare.pickerLabel')}
          placeholder={
            props.value.length < 2 ? t('compare.pickerPlaceholder') : undefined
          }
        />
      )}
    />
  );
}
