import { calls } from '#contract/calls.ts';
import { call } from '../../app/api.ts';
import { Form, FormText, SubmitButton } from '../../ui/form/Form.tsx';
import { useWorkbenchForm } from '../../ui/form/useWorkbenchForm.ts';
import { missingProblems } from '../../ui/problems.ts';
import { useMapStore } from './store.ts';

const FORM = 'pm-identifying';
const LABELS = { word: 'Word or phrase', shownAs: 'Shown in the anonymised view as' };

/**
 * Words that identify the child without being a recorded name (a nickname, a street, a club): the
 * anonymised view and every anonymised export replace them, as they do every name the case knows.
 */
export function IdentifyingWords() {
  const caseId = useMapStore((s) => s.map.caseId);
  const words = useMapStore((s) => s.map.identifyingWords);
  const setMap = useMapStore((s) => s.setMap);
  const say = useMapStore((s) => s.say);
  const form = useWorkbenchForm({
    id: FORM,
    labels: LABELS,
    defaultValues: { word: '', shownAs: '' },
    request: calls['map.markIdentifying'].request,
    toRequest: (v) => ({ caseId, word: v.word, shownAs: v.shownAs }),
    check: ({ word }) => missingProblems([['word', word, 'Enter the word or phrase to hide']]),
    send: (request) => call('map.markIdentifying', request),
    resetOnSuccess: true,
    onSuccess: (map) => {
      setMap(map);
      say({ kind: 'success', text: 'The anonymised view now hides that word.' });
    },
  });
  const unmark = async (wordId: string) => {
    const result = await call('map.unmarkIdentifying', { caseId, wordId });
    if (result.ok) setMap(result.data);
    say(
      result.ok
        ? { kind: 'success', text: 'That word is no longer hidden.' }
        : { kind: 'problem', text: result.error.message },
    );
  };
  return (
    <>
      <h3 className="heading-s">Identifying words</h3>
      <p className="body">
        The anonymised view replaces the names of the people above, the child’s school and area, the places
        items happened and every professional’s name. Add any other word that could identify the child.
      </p>
      {words.length ? (
        <ul className="list">
          {words.map((w) => (
            <li key={w.id}>
              “{w.word}” is shown as “{w.shownAs || '[withheld]'}”{' '}
              <button type="button" className="link-button" onClick={() => void unmark(w.id)}>
                Stop hiding<span className="visually-hidden"> “{w.word}”</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Form form={form} className="pm-form" labelledBy="pm-identifying-title">
        <h4 id="pm-identifying-title" className="heading-s">
          Hide a word in the anonymised view
        </h4>
        <FormText name="word" label={LABELS.word} width="medium" />
        <FormText
          name="shownAs"
          label={LABELS.shownAs}
          hint="For example “[street]”. Left empty, it is shown as “[withheld]”."
          width="medium"
        />
        <SubmitButton>Hide this word</SubmitButton>
      </Form>
    </>
  );
}
