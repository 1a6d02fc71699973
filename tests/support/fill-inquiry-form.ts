/** Filling in the inquiry form on a unit or reserve page in Chromium, as a tenant types it. */
import type { Page } from 'playwright-core';

export interface InquiryPerson {
  companyName: string;
  industryTrack: string;
  contactName: string;
  email: string;
}

/** Fills the form under #inquiry for `person`, ticks consent, and waits as long as a person takes to type. */
export async function fillInquiryForm(page: Page, person: InquiryPerson): Promise<void> {
  const form = page.locator('#inquiry form');
  await form.locator('[name=companyName]').fill(person.companyName);
  await form.locator('[name=industryTrack]').selectOption(person.industryTrack);
  await form.locator('[name=contactName]').fill(person.contactName);
  await form.locator('[name=email]').fill(person.email);
  await form.locator('[name=consent]').check();
  await page.waitForTimeout(3200); // the form refuses submissions faster than a person types
}
