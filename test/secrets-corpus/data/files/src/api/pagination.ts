export interface Page<T> {
  data: T[];
  nextPageToken?: string;
}

// Recorded from the staging API for the contract tests.
export const recordedPage: Page<{ id: string }> = {
  data: [{ id: '889db5b6-a758-4cde-bb66-9cd5c66ca5ce' }, { id: 'cd8caea8-4535-43a7-8f28-6207fb78d722' }],
  nextPageToken: 'Wee5mMhGfSojBPaeROk7yQiMxgppgyntemTti3ZpnY7Xo0H3Eq6Fqe+GLDpcaRxX',
};

export const cursors = {
  after: 'b3JkZXI6MTIzNjI1MTA1NTQ4OmFkNDMzMGE4NjJiYjc1Zjc=',
  continuationToken: 'mQzajAzEVVvBiHpyQlMYurGlTN3l0q_-Ml_M6wAySuvWifexC-OQ1w',
};

export const etag = 'W/"a74c9856c76139f77bc030407a99abbb"';
export const correlationId = 'be37ebf6-641c-4914-ace8-4e1c579dee03';
