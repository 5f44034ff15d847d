@guide:harmony-outpatient-authorization
Feature: An unfinished request expires after 60 minutes without activity
  The guide is silent on how long a request may be left unfinished. We
  chose Harmony's 60 minutes: every step that is done moves the limit on
  by 60 minutes; a request left alone for 60 minutes or more expires, and
  the user is asked to start again with a new one.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Maria Lopez is a member of the plan with Member ID "HM48213377", born "07-09-1962"
    And Grace is signed in to Harmony
    And Grace has filled in an authorization request for Maria up to the Place of Service

  Rule: A request left alone for 60 minutes expires
    Not in the guide: Harmony's limit for an unfinished request.

    @step:draft-3
    Scenario Outline: After <time> the request can still be continued
      When <time> pass
      And Grace selects the Place of Service "11"
      Then she may go on to the Diagnosis and Procedure Codes

      Examples:
        | time         |
        | 30 minutes   |
        | 59 minutes   |
        | 3599 seconds |

    @step:draft-3
    Scenario Outline: After <time> the request has expired
      When <time> pass
      And Grace selects the Place of Service "11"
      Then she is told "Your session has expired. Please start again."

      Examples:
        | time       |
        | 60 minutes |
        | 61 minutes |
        | 1 day      |

    @step:draft-3
    Scenario: Each step done keeps the request open for another 60 minutes
      When 45 minutes pass
      And Grace selects the Place of Service "22"
      And 45 minutes pass
      And Grace selects the Diagnosis Code "M54.50"
      Then she may go on to the Servicing Provider ID

    @step:draft-3 @step:request-2
    Scenario: After an expired request Grace starts again with a new one
      When 2 hours pass
      And Grace opens an Authorization Request
      Then she may go on to the Requesting Provider ID
