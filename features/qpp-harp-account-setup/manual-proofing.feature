@guide:qpp-harp-account-setup
Feature: Manual proofing
  "If you prefer not to enter your Social Security Number, you will need to
  select "Initiate Manual Proofing" process which requires submitting profile
  and account information then sending one of three approved forms of
  Government Photo IDs AND two copies of financial institution official bills
  or statements addressed to the address used for registration."

  Where the guide is silent we chose: the three approved photo IDs are a
  state driver's license, a state identification card and a U.S. passport.
  Each document is uploaded as a PDF, JPEG or PNG of at most 10 MB, and its
  content must be what its type says. The documents are sent together once
  all three are there. A HARP reviewer sees the registration address beside
  them, and approves (confirming the photo ID shows the applicant and the
  statements are addressed to the registration address) or rejects with a
  reason; the identity is proofed only after approval. After a rejection the
  person may start again.

  Background:
    Given Grace Lee lives at "7 Harbor View Rd, Portland, ME 04101"
    And she has created her HARP profile and account without a Social Security Number

  Rule: One approved photo ID and two statements are sent for review
    @step:profile-5 @step:rules-4
    Scenario: Grace sends her driver's license and two bank statements
      Given she has uploaded her driver's license and statements from "Ironwood Credit Union" and "Harbor Federal Savings"
      When she submits her documents
      Then Grace's documents wait for a reviewer
      And a HARP reviewer sees Grace's registration address "7 Harbor View Rd, Portland, ME 04101", her driver's license and 2 statements

    @step:profile-5 @step:rules-4
    Scenario: One statement is not enough
      When she selects "Initiate Manual Proofing"
      And she uploads her U.S. passport
      And she uploads a statement from "Ironwood Credit Union"
      And she submits her documents
      Then she is told "Please upload one more bill or statement from a financial institution."

    @step:profile-5
    Scenario: A photo ID that is not one of the three approved is refused
      When she selects "Initiate Manual Proofing"
      And she uploads her library card
      Then she is told "Please choose one of the approved photo IDs: State driver’s license, State identification card, U.S. passport."

    @step:profile-5
    Scenario: The same statement twice does not count as two
      When she selects "Initiate Manual Proofing"
      And she uploads the same statement from "Ironwood Credit Union" twice
      Then she is told "You have already uploaded that file."
      And Grace still needs 1 photo ID and 1 statement

  Rule: Uploads are checked by type, size and content
    @step:rules-4
    Scenario Outline: <what> is refused
      When she selects "Initiate Manual Proofing"
      And she uploads as her driver's license:
        | file   | type   | size   | contains   |
        | <file> | <type> | <size> | <contains> |
      Then she is told "<message>"
      And Grace still needs 1 photo ID and 2 statements

      Examples:
        | what                          | file         | type          | size  | contains    | message                                                                  |
        | a Word document               | license.docx | Word document | 40 KB |             | Please upload a PDF, JPEG or PNG file.                                   |
        | a scan of 12 MB               | license.jpg  | JPEG image    | 12 MB |             | The file is too large: it must be at most 10 MB.                         |
        | an archive named as a picture | license.jpg  | JPEG image    | 40 KB | ZIP archive | That file is not what its type says. Please upload the document itself. |

  Rule: The identity is proofed only after a reviewer approves
    @step:rules-4
    Scenario: Sent documents alone do not proof the identity
      Given she has sent her documents for manual proofing
      When she selects "Manage Access", then "Connect to an Organization"
      Then she is told "Please complete identity proofing first."

    @step:rules-4
    Scenario: A reviewer approves Grace's documents and her identity is proofed
      Given she has sent her documents for manual proofing
      When a HARP reviewer approves Grace's documents
      Then Grace's identity is proofed

    @step:rules-4
    Scenario: Approval confirms the statements are addressed to the registration address
      Given she has sent her documents for manual proofing
      When a HARP reviewer approves Grace's documents without confirming the statements are addressed to her registration address
      Then the reviewer is told "Please enter your confirmation that the statements are addressed to the registration address."
      And Grace's identity is not proofed yet

    @step:rules-4
    Scenario: A reviewer rejects Grace's documents with a reason
      Given she has sent her documents for manual proofing
      When a HARP reviewer rejects Grace's documents because the statements are not addressed to her registration address
      Then Grace's manual proofing was rejected because the statements are not addressed to her registration address

    @step:rules-4
    Scenario: A rejection needs a reason
      Given she has sent her documents for manual proofing
      When a HARP reviewer rejects Grace's documents without a reason
      Then the reviewer is told "Please enter your reason."
      And Grace's documents wait for a reviewer

    @step:rules-4
    Scenario: After a rejection Grace starts again
      Given she has sent her documents for manual proofing
      And a HARP reviewer rejects Grace's documents because the photo ID has expired
      When she selects "Initiate Manual Proofing"
      Then Grace still needs 1 photo ID and 2 statements
