// One-tap satisfaction ratings after an answer: prompt, postback handling, storage, summary.
export {
  type AskOutcome,
  askForSatisfaction,
  DIMENSIONS,
  type Dimension,
  getRatings,
  handleRatingPostback,
  parseRatingPayload,
  type RatingContext,
  type RatingReply,
  type RatingTap,
  ratingPayload,
  recordRating,
  type SatisfactionSummary,
  type Score,
  satisfactionPrompt,
  satisfactionSummary,
} from './ratings.ts';
export { withSatisfaction } from './follow-up.ts';
