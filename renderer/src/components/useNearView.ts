// Whether an element has come near the window's visible part (and stays "near" once it has): a claim with
// twenty read papers has twenty field panels, and fetching and decoding all their 900 px pictures at once
// blocked the page for ~0.4 s after a stack import (npm run bench import); only those near view need theirs.
import { useEffect, useState, type RefObject } from 'react';

/** How far outside the visible part an element counts as near: about a screen, so scrolling finds it drawn. */
const NEAR_MARGIN = '900px 0px';

export function useNearView(ref: RefObject<Element | null>): boolean {
  // Without an observer (an old engine), everything is near.
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const watch = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: NEAR_MARGIN },
    );
    watch.observe(el);
    return () => watch.disconnect();
  }, [ref, near]);
  return near;
}
