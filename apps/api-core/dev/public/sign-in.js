// The demo sign-in (sign-in.html): gives the tab a dev token, as a platform's sign-in would give a session.
// The key is the creator web app's (apps/creator-web/src/session.ts): the tab's session, gone when it closes.
for (const button of document.querySelectorAll('button[data-user-id]')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    const error = document.getElementById('sign-in-error');
    try {
      const res = await fetch('/api/local/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId: button.dataset.userId }),
      });
      const body = await res.json();
      if (!body.success) throw new Error(body.error.message);
      sessionStorage.setItem('creator-payouts.accessToken', body.data.token);
      window.location.assign('/payouts');
    } catch (failure) {
      error.textContent = 'Sign-in failed: ' + failure.message;
      button.disabled = false;
    }
  });
}
