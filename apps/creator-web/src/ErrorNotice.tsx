import type { Messages } from './messages';
import { errorView } from './presentation';
import { SIGN_IN_URL } from './session';

/** A failed call, said in the page's language: what happened, what to do, and the reference to quote to support. */
export function ErrorNotice({ error, messages }: { error: unknown; messages: Messages }) {
  const view = errorView(error, messages);
  return (
    <div role="alert" className="error">
      <p>{view.text}</p>
      {view.supportReference && <p className="reference">{view.supportReference}</p>}
      {view.signIn && <a href={SIGN_IN_URL}>{messages.signIn}</a>}
    </div>
  );
}
