import { EmailTemplateContent } from "../modules/email/email-templates";

/**
 * This product's email content (not part of the library): the three templates seed 001 names
 * (StreakReminder, WeeklyDigest, WelcomeEmail). Kept in code rather than in asset files so they survive compilation to `dist/`.
 * Placeholders (Handlebars, filled by the app through SendEmail's template data):
 * every template: `{{name}}`, `{{appUrl}}`, `{{unsubscribeUrl}}`; StreakReminder: `{{streakDays}}`;
 * WeeklyDigest: `{{weekStart}}`, `{{minutesSaved}}`, `{{sessionsBlocked}}`.
 */

const PRODUCT = "fckdoomscroll";

function html(title: string, paragraphs: readonly string[], action: string): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f6f6f6;font-family:Helvetica,Arial,sans-serif;color:#222">',
    '<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:32px">',
    `<h1 style="font-size:22px;margin:0 0 16px">${title}</h1>`,
    ...paragraphs.map((p) => `<p style="font-size:16px;line-height:1.5">${p}</p>`),
    `<p><a href="{{appUrl}}" style="display:inline-block;background:#222;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none">${action}</a></p>`,
    `<p style="font-size:12px;color:#888">You get this email because you use ${PRODUCT}. <a href="{{unsubscribeUrl}}" style="color:#888">Unsubscribe</a></p>`,
    "</div></body></html>",
    "",
  ].join("\n");
}

function text(paragraphs: readonly string[], action: string): string {
  return [...paragraphs, `${action}: {{appUrl}}`, "", `Unsubscribe: {{unsubscribeUrl}}`, ""].join("\n\n");
}

function template(subject: string, title: string, paragraphs: readonly string[], action: string): EmailTemplateContent {
  return { subject, html: html(title, paragraphs, action), text: text(paragraphs, action) };
}

/** Seed 001's templates, keyed by SES template name; pass as `templates` (or spread and override). */
export const SEED_TEMPLATES: Readonly<Record<"StreakReminder" | "WeeklyDigest" | "WelcomeEmail", EmailTemplateContent>> = {
  StreakReminder: template(
    "{{name}}, keep your {{streakDays}}-day streak going",
    "Your streak is waiting",
    ["Hi {{name}},", "You have stayed off the doomscroll for {{streakDays}} days in a row. Check in today to keep the streak alive."],
    "Check in now",
  ),
  WeeklyDigest: template(
    "Your week with " + PRODUCT + ": {{minutesSaved}} minutes back",
    "Your week in review",
    [
      "Hi {{name}},",
      "Week of {{weekStart}}: you took back {{minutesSaved}} minutes and blocked {{sessionsBlocked}} scrolling sessions.",
      "Small wins add up. See the details and set a goal for next week.",
    ],
    "See your week",
  ),
  WelcomeEmail: template(
    `Welcome to ${PRODUCT}, {{name}}`,
    `Welcome to ${PRODUCT}`,
    ["Hi {{name}},", "Thanks for signing up. Set your first daily limit and start your streak today."],
    "Get started",
  ),
};
