/** Fills `{name}` placeholders in a UI message: format('共 {count} 个', { count: 3 }). */
export function formatMessage(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
