/** Filling in the inquiry form on a unit, reserve or contact page in Chromium, as a tenant types it. */
import type { Page } from 'playwright-core';

export interface InquiryPerson {
  companyName: string;
  industryTrack: string;
  contactName: string;
  email?: string;
  mobile?: string;
}

/**
 * Fills the form under #inquiry for `person` and any `more` fields by name (areaMin, message…), ticks consent,
 * and waits as long as a person takes to type (the form refuses submissions faster than that).
 */
export async function fillInquiryForm(
  page: Page,
  person: InquiryPerson,
  more: Record<string, string> = {},
): Promise<void> {
  const form = page.locator('#inquiry form');
  await form.locator('[name=companyName]').fill(person.companyName);
  await form.locator('[name=industryTrack]').selectOption(person.industryTrack);
  await form.locator('[name=contactName]').fill(person.contactName);
  if (person.mobile) await form.locator('[name=mobile]').fill(person.mobile);
  if (person.email) await form.locator('[name=email]').fill(person.email);
  for (const [name, value] of Object.entries(more)) await form.locator(`[name=${name}]`).fill(value);
  await form.locator('[name=consent]').check();
  await page.waitForTimeout(3200);
}
