import { ApiError } from '@creator-payouts/api-client';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';

/**
 * A button that mints a Stripe link and goes there in the same tab (which no
 * popup blocker stops). The link comes from a mutation, never a query, and is
 * kept in no cache: it is single-use and a bearer credential. One request per
 * click, however fast the clicks; after Back from Stripe (the page restored
 * from the back-forward cache) the button works again.
 */
export function useStripeLink<T>(mint: (input: T) => Promise<string>, options: { replace?: boolean; onError?: (error: Error) => void } = {}) {
  // react-query renders `isPending` (the button's `disabled`) a task later: a double click's second click comes first.
  const started = useRef(false);
  const mutation = useMutation({
    gcTime: 0,
    mutationFn: async (input: T) => webUrl(await mint(input)),
    onSuccess: (url) => (options.replace ? window.location.replace(url) : window.location.assign(url)),
    onError: (error) => {
      started.current = false;
      options.onError?.(error);
    },
  });

  const { reset } = mutation;
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      started.current = false;
      reset();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, [reset]);

  const { mutate } = mutation;
  const start = useCallback(
    (input: T) => {
      if (started.current) return;
      started.current = true;
      mutate(input);
    },
    [mutate],
  );

  return {
    start,
    /** A request is running, or the browser is leaving for Stripe. */
    busy: mutation.isPending || mutation.isSuccess,
    error: mutation.error,
  };
}

/** Only a web page is somewhere to go: a `javascript:` or other URL is refused, not followed. */
function webUrl(url: string): string {
  if (!/^https?:\/\//i.test(url)) throw new ApiError(200, 'UNEXPECTED_RESPONSE', 'client.unexpected_response', 'The link is not a web address');
  return url;
}
