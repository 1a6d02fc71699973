/**
 * On the compare page: adopts the units in the URL as the visitor's selection (with their names for the tray
 * elsewhere), so a shared link becomes the recipient's selection too. It draws nothing: the page itself is the
 * comparison, and a tray over it would only cover the figures on a phone.
 */
import { useEffect } from 'react';
import { rememberUnitName, setCompare, type UnitNames } from './compare-store.ts';

export default function CompareBar({ adopt }: { adopt?: Array<{ id: string; names: UnitNames }> }) {
  useEffect(() => {
    if (!adopt) return;
    setCompare(adopt.map((u) => u.id));
    adopt.forEach((u) => rememberUnitName(u.id, u.names));
  }, []);
  return null;
}
