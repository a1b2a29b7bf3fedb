import type { Rubric } from './event-schemas';

/**
 * The built-in rubrics, transcribed from the seed rubric (seed/ml-system-design-rubric.txt;
 * built-in-rubrics.test.ts checks every descriptor against it). They are ordinary data: on first
 * bootstrap of the topic they are published as RubricPublished events like any other rubric.
 */

const scale: Rubric['scale'] = [
  { value: 1, label: 'very_weak' },
  { value: 2, label: 'weak' },
  { value: 3, label: 'strong' },
  { value: 4, label: 'very_strong' },
];

const levels: Rubric['levels'] = [
  { key: 'junior', name: 'Junior', rank: 1 },
  { key: 'mid', name: 'Mid-level', rank: 2 },
  { key: 'senior', name: 'Senior', rank: 3 },
  { key: 'staff', name: 'Staff', rank: 4 },
  { key: 'principal', name: 'Principal', rank: 5 },
];

/** The seed's reading of an overall rating as a hire recommendation. */
const overallGuidance: NonNullable<Rubric['overallGuidance']> = [
  { label: 'very_weak', overall: 'strong_no_hire', guidance: 'No hire.' },
  {
    label: 'weak',
    overall: 'no_hire',
    leveling: 'down',
    guidance: 'No hire, but the interviewer can be convinced if the candidate did exceptionally well in other rounds. Can lead to down-leveling.',
  },
  { label: 'strong', overall: 'hire', guidance: 'Hire, but the interviewer may be convinced to no hire if the candidate did poorly in other rounds.' },
  {
    label: 'very_strong',
    overall: 'strong_hire',
    leveling: 'up',
    guidance: 'Strong hire: the interviewer will advocate for the candidate, even if other rounds went poorly. Can lead to up-leveling.',
  },
];

const coreSignals: Rubric['signals'] = [
  {
    key: 'problem_understanding',
    name: "Problem understanding",
    description: "Assesses your ability to identify concrete requirements from an ambiguous problem.",
    descriptors: {
      very_weak: "Fails to ask clarifying questions and jumps into the design without scoping the problem according to the requirements.",
      weak: "Asks some questions, demonstrating baseline interview prep, but doesn’t integrate the interviewer’s responses. Starts solutioning without fully exploring the problem space.",
      strong: "Asks thoughtful questions to identify important requirements and constraints. Clarifies where the model will run and the definition of success.",
      very_strong: "Proactively explores the design space by asking clarifying questions about what is needed vs. what has already been implemented. Clearly identifies the problem statement, requirements, and any relevant constraints. Exceeds expectations by anticipating future project and business requirements.",
    },
  },
  {
    key: 'data_feature_engineering',
    name: "Data and feature engineering",
    description: "Assesses your understanding of data mining, dataset limitations, sourcing, labeling, and feature engineering.",
    descriptors: {
      very_weak: "Fails to explain the number of labels, limitations of the data, labeling policy, mining strategy, and feature engineering.",
      weak: "Implements some parts of data and feature engineering. Explores some tradeoffs, but doesn’t justify design decisions. Doesn’t anticipate potential issues that data and labeling could cause.",
      strong: "Clearly explains a reasonable approach to data mining, labels, labeling policy, and feature engineering. Talks about the tradeoffs and why these apply to the current design but misses some corner cases or implicit assumptions around data issues specific to this problem statement.",
      very_strong: "In addition to fulfilling the ‘strong’ criteria, addresses the subtleties of data collection and anticipates how it will be a dynamic process in future iterations of the model. Discusses how data availability can shift through the ML project lifecycle.",
    },
  },
  {
    key: 'modeling',
    name: "Modeling",
    description: "Assesses your ability to choose an appropriate model after weighing the tradeoffs between training, labeling, mining, and evaluation requirements.",
    descriptors: {
      very_weak: "Mostly focused on new techniques or off-the-shelf methods and fails to consider the training and tradeoff implications of the model choice.",
      weak: "Jumps to the newest available model without explaining why it’s better than others. Shows limited understanding of how the model choice affects data quality, product outcomes, lifecycle maintenance, and resource implications.",
      strong: "Articulates a clear data storage strategy and uses clear evaluation metrics that fit the current data paradigm. Makes a clear model choice after explaining the tradeoffs between different models.",
      very_strong: "Chooses between models using data-driven methods tailored to the specific problem. Designs a system that uses existing infrastructure for data mining, data storage, and machine selection. Clarifies whether these techniques meet the product’s needs and suggests extensions if they don’t.",
    },
  },
  {
    key: 'deployment',
    name: "Deployment",
    description: "Assesses your ability to put the model on the edge/cloud and consider monitoring and maintenance strategies.",
    descriptors: {
      very_weak: "Fails to identify where the model will be deployed and whether the model will meet the computation requirements. Does not mention strategies to monitor and/or upgrade the model.",
      weak: "Fails to define the limitations around where the model will be run. Misses some of the critical data reporting elements used to monitor the model in production.",
      strong: "Demonstrates a clear understanding of the hardware needed to run the model. Collects appropriate metrics to understand model performance before launch.",
      very_strong: "Accurately identifies the computation requirements of the model’s hardware. Provides a plan to build this themselves, using existing infrastructure, or mentions concrete requests that would be given to another team. Uses clear metrics to monitor the model and plans to incorporate results into future iterations.",
    },
  },
  {
    key: 'communication_collaboration',
    name: "Communication and collaboration",
    description: "Assesses your ability to communicate your design choices, discuss technical concepts, and collaborate with the interviewer.",
    descriptors: {
      very_weak: "Fails to check in with the interviewer. Presents the solution in a confusing and disorganized manner.",
      weak: "Inconsistent in articulating thought process. Interviewer frequently drives the discussion. Fails to ask questions or integrate the interviewer’s hints.",
      strong: "Interview feels conversational. Checks in with the interviewer to see whether the solution is on the right track and/or stops to see if the interviewer wants to deep dive on a specific topic.",
      very_strong: "Effectively communicates design choices, discusses technical concepts, and collaborates with the interviewer. Shows genuine interest in the interviewer's feedback and is receptive to constructive criticism. Clearly drives the discussion and could be considered the lead of the project.",
    },
  },
];

/** The seed's additional criteria, rated only where the role calls for them. */
const specialtySignals: Rubric['signals'] = [
  { key: 'computer_vision', name: "Computer vision (CV)", description: "Deep learning (e.g. object detection, pose estimation, segmentation) and 3-D understanding (e.g. models for point cloud and stereo vision).", optional: true },
  { key: 'nlp', name: "Natural language processing (NLP)", description: "Traditional libraries, sequence transductions, machine translation activities, and data processing.", optional: true },
  { key: 'llms', name: "Large language models (LLMs)", description: "Transformers, encoder-decoder architectures, auto-encoders, RNN, ANN, CNN, LSTM, and Bayesian statistics.", optional: true },
  { key: 'recommender_systems', name: "Recommendation systems", description: "Collaborative filtering, content filtering, matrix factorization, supervised and unsupervised techniques.", optional: true },
];

export const mlSystemDesignRubric: Rubric = {
  rubricId: 'ml-system-design',
  version: 1,
  name: 'ML system design',
  scale,
  signals: coreSignals,
  levels,
  overallGuidance,
};

export const mlSystemDesignSpecialtiesRubric: Rubric = {
  rubricId: 'ml-system-design-specialties',
  version: 1,
  name: 'ML system design with specialty criteria',
  scale,
  signals: [...coreSignals, ...specialtySignals],
  levels,
  overallGuidance,
};

export const builtInRubrics: readonly Rubric[] = [mlSystemDesignRubric, mlSystemDesignSpecialtiesRubric];
