// The public host of event pages, records and join links: a leaf module, so the views that
// build links (events, records, registrations) need not import each other.
export const PUBLIC_HOST = 'https://events.webinar.ru';
