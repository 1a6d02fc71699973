/**
 * The compare tray on its own, for pages without other compare controls. On the compare page it adopts the
 * units in the URL as the visitor's selection, so a shared link becomes the recipient's selection too.
 */
import { useEffect } from 'react';
import { setCompare } from './compare-store.ts';
import { CompareTray, type CompareTrayText } from './CompareTray.tsx';

export default function CompareBar({ text, comparePath, adopt }: { text: CompareTrayText; comparePath: string; adopt?: string[] }) {
  useEffect(() => {
    if (adopt) setCompare(adopt);
  }, []);
  return <CompareTray text={text} comparePath={comparePath} />;
}
