@guide:qpp-harp-account-setup
Feature: Remote proofing
  "Remote Proofing: Answer personal questions as they are displayed regarding
  credit activity. You may need to have access to your personal and credit
  report information: where your mortgage is serviced, current or previous
  employer, number of bedrooms in your home, home addresses from last five
  years."

  NIST SP 800-63A-4 no longer accepts knowledge-based verification for
  identity verification: the answers are in credit files, data breaches and
  public property records. HARP's questions are the older method; this
  library gives them to the HARP preset only, because the guide describes
  them, and no standards preset offers them.

  Where the guide is silent we chose: the credit bureau's quiz has 5
  questions of 5 choices each, "None of the above" among them; 4 right
  answers pass; the quiz is answerable for 10 minutes; at most 2 quizzes are
  given, the second after the Social Security Number is entered again (it
  must be the one given with the profile: 3 wrong ones end remote proofing).
  After the last quiz fails, or when the bureau has no file on the person,
  manual proofing is offered. HARP never says which answers were wrong, and
  keeps the right answers only as keyed hashes.

  Background:
    Given Ana Reyes lives at "12 Elm St, Boston, MA 02118"
    And the credit bureau's file on Ana says:
      | her mortgage is serviced by | Keystone Home Loans                             |
      | she works or worked for     | Mercy Valley Hospital; Allegheny Freight Lines  |
      | her home has                | 3 bedrooms                                      |
      | she lived before at         | 48 Orchard Rd, Fairview, PA 16415               |

  Rule: The questions are about the credit activity the guide lists
    @step:profile-4
    Scenario: Ana is asked about her mortgage, employers, bedrooms and addresses
      When Ana creates her HARP profile and account with her Social Security Number
      Then the questions ask:
        | Which of these companies services the mortgage on your home?            |
        | Which of these is a current or previous employer of yours?              |
        | How many bedrooms does your current home have?                          |
        | At which of these street addresses have you lived in the last five years? |
        | In which of these cities have you lived in the last five years?         |
      And each question offers 5 choices, "None of the above" among them
      And the choices of "Which of these companies services the mortgage on your home?" include "Keystone Home Loans"

    @step:profile-4
    Scenario: Ana answers every question rightly and her identity is proofed
      Given Ana has created her HARP profile and account with her Social Security Number
      When she answers every question rightly
      Then Ana's identity is proofed

    @step:profile-4
    Scenario: Once proofed, Ana may connect to an organization
      Given Ana has created her HARP profile and account with her Social Security Number
      When she answers every question rightly
      And she selects "Manage Access", then "Connect to an Organization"
      Then she may select the organization type "Practice", "Alternative Payment Model (APM) Entity" or "Registry"

  Rule: Four right answers of five pass
    @step:rules-3
    Scenario: Four right answers pass
      Given Ana has created her HARP profile and account with her Social Security Number
      When she answers 4 of the questions rightly
      Then Ana's identity is proofed

    @step:rules-3
    Scenario: Three right answers fail, and Ana may try once more with her Social Security Number
      Given Ana has created her HARP profile and account with her Social Security Number
      When she answers 3 of the questions rightly
      Then she may ask for new questions 1 more time, giving her Social Security Number again
      And Ana's identity is not proofed yet

    @step:rules-3
    Scenario: A second quiz follows the Social Security Number entered again
      Given Ana has created her HARP profile and account with her Social Security Number
      And she has failed the credit bureau's questions 1 time
      When she asks for new questions, giving her Social Security Number again
      Then she is asked 5 questions about her credit history

    @step:rules-3
    Scenario: Every question must be answered
      Given Ana has created her HARP profile and account with her Social Security Number
      When she answers the question "How many bedrooms does your current home have?" only
      Then she is told "Please enter your answer to every question."
      And Ana's identity is not proofed yet

    @step:rules-3
    Scenario: A choice the question does not offer is refused, not counted
      Given Ana has created her HARP profile and account with her Social Security Number
      When she answers with a choice the question does not offer
      Then she is told "Please choose one of the answers shown for each question."
      And Ana's identity is not proofed yet

  Rule: The quizzes are limited, and their failure offers manual proofing
    @step:rules-3 @step:profile-5
    Scenario: After two failed quizzes, manual proofing is offered
      Given Ana has created her HARP profile and account with her Social Security Number
      And she has failed the credit bureau's questions 2 times
      When she asks for new questions, giving her Social Security Number again
      Then she is told 'You have no more tries at the questions. Please select "Initiate Manual Proofing".'
      And Ana is offered manual proofing

    @step:rules-3 @step:profile-5
    Scenario: After two failed quizzes, Ana starts manual proofing
      Given Ana has created her HARP profile and account with her Social Security Number
      And she has failed the credit bureau's questions 2 times
      When she selects "Initiate Manual Proofing"
      Then she still needs 1 photo ID and 2 statements

    @step:rules-3
    Scenario: While a quiz is open, manual proofing is not offered
      Given Ana has created her HARP profile and account with her Social Security Number
      When she selects "Initiate Manual Proofing"
      Then she is told "Please answer the questions about your credit history first."

    @step:rules-3
    Scenario: The quiz must be answered within 10 minutes
      Given Ana has created her HARP profile and account with her Social Security Number
      When 11 minutes pass
      And she answers every question rightly
      Then she is told "Your time to answer the questions has run out."
      And Ana's identity is not proofed yet

    @step:rules-3 @step:profile-5
    Scenario: When the bureau has no file on the person, manual proofing is offered at once
      When Ben Okoro creates his HARP profile and account with his Social Security Number
      Then Ben is offered manual proofing

  Rule: Another quiz needs the Social Security Number given with the profile
    @step:rules-3
    Scenario: A different Social Security Number is refused, and the tries left are told
      Given Ana has created her HARP profile and account with her Social Security Number
      And she has failed the credit bureau's questions 1 time
      When she asks for new questions, giving the Social Security Number "524-71-6309"
      Then she is told "That Social Security Number does not match the one you gave with your profile. You have 2 more tries."

    @step:rules-3
    Scenario: Three different Social Security Numbers end remote proofing
      Given Ana has created her HARP profile and account with her Social Security Number
      And she has failed the credit bureau's questions 1 time
      When she asks for new questions, giving the Social Security Number "524-71-6309"
      And she asks for new questions, giving the Social Security Number "524-71-6310"
      And she asks for new questions, giving the Social Security Number "524-71-6311"
      Then she is told 'That Social Security Number did not match too many times. Please select "Initiate Manual Proofing".'
      And Ana is offered manual proofing
