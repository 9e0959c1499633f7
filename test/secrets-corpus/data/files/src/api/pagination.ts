export interface Page<T> {
  data: T[];
  nextPageToken?: string;
}

// Recorded from the staging API for the contract tests.
export const recordedPage: Page<{ id: string }> = {
  data: [{ id: 'f356ce23-889d-45b6-8758-9cde4b669cd5' }, { id: '66ca5cef-cd8c-4ea8-b535-c3a7df286207' }],
  nextPageToken: '9iFqe2j/FneN9EO4elsEXRFTTseC1tty20FBsu/BVihZ57mYyEZ9KiME9p5E6TvJ',
};

export const cursors = {
  after: 'b3JkZXI6OTkzMjU5MDc5MjM2OmVkZjZiMzQwYWQ0MzMwYTg=',
  continuationToken: 'v8NYhrA-XBKS_ax7I0Bhy8koocc5Fc_FgtKon4d8-NeZDNqMDMRVWw',
};

export const etag = 'W/"2adebb17a74c9856c76139f77bc03040"';
export const correlationId = '7a99abbb-be37-4bf6-941c-29144ce84e1c';
