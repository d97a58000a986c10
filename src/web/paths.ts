/** Every URL the web app serves, named in one place. */
export const paths = {
  start: '/',
  help: '/help',
  privacy: '/privacy',
  accessibility: '/accessibility',
  health: '/health',
  assets: '/assets/',
} as const

export type PathName = keyof typeof paths
