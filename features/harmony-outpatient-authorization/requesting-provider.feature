@guide:harmony-outpatient-authorization
Feature: Step 3 – The Requesting Provider ID
  "Enter the Requesting Provider ID number and select Next."

  Where the guide is silent we chose: the requesting provider is named by
  the plan's Provider ID (6 to 10 letters or digits, as in the welcome
  packet; any letter case) or by its NPI (10 digits starting with 1 or 2,
  whose last digit is the CMS check digit). Ten digits starting with 1 or 2
  are always read as an NPI, so a Provider ID of that shape cannot be used
  here (its NPI can). The provider must be on the
  plan's directory, and the user's account must be allowed to act for it:
  for now, the practice the account was registered for.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And the plan has "1234567893" on file as the NPI of "Riverside Family Practice"
    And Grace is signed in to Harmony
    And Grace opens an Authorization Request

  Rule: The requesting provider is named by its Provider ID or its NPI
    "Enter the Requesting Provider ID number"

    @step:request-3
    Scenario Outline: Grace names her practice by <how>
      When Grace enters the Requesting Provider ID "<typed>"
      Then she may go on to the Member ID
      And Grace's request reads:
        | Requesting Provider | HP001234 Riverside Family Practice |

      Examples:
        | how                            | typed        |
        | its Provider ID                | HP001234     |
        | its Provider ID, in lower case | hp001234     |
        | its NPI                        | 1234567893   |
        | its NPI, typed with dashes     | 123-456-7893 |

    @step:request-3
    Scenario: An NPI whose check digit is wrong is refused
      When Grace enters the Requesting Provider NPI "1234567890"
      Then she is told "Requesting Provider ID must be 10 digits starting with 1 or 2, the last a valid check digit."
      And she is told nothing else

    @step:request-3
    Scenario Outline: "<typed>" is refused as a Provider ID (<why>)
      When Grace enters the Requesting Provider ID "<typed>"
      Then she is told "<message>"
      And she is told nothing else

      Examples:
        | typed       | why                         | message                                                                                                         |
        |             | left empty                  | Please enter Requesting Provider ID.                                                                            |
        | HP12        | too short                   | Requesting Provider ID must be 6 to 10 letters or digits, as in your welcome packet and Explanation of Payment. |
        | HP001234567 | too long                    | Requesting Provider ID must be 6 to 10 letters or digits, as in your welcome packet and Explanation of Payment. |
        | HP#001234   | not only letters and digits | Requesting Provider ID must be 6 to 10 letters or digits, as in your welcome packet and Explanation of Payment. |

  Rule: The provider must be on the plan's directory
    "Enter the Requesting Provider ID number"

    @step:request-3
    Scenario: A Provider ID the plan does not know is refused
      When Grace enters the Requesting Provider ID "HP999999"
      Then she is told "We could not find that provider. Please check the Requesting Provider ID."
      And she is told nothing else

    @step:request-3
    Scenario: A valid NPI that no provider on the plan's directory has is refused
      When Grace enters the Requesting Provider NPI "1446712097"
      Then she is told "We could not find that provider. Please check the Requesting Provider ID."
      And she is told nothing else

  Rule: A user requests authorizations only for a provider her account may act for
    "If you have any questions, please contact your Provider Relations representative."

    @step:request-3 @step:intro-4
    Scenario Outline: Grace cannot request an authorization as another practice (by its <how>)
      Given the plan's provider directory also lists:
        | name                | Provider ID | NPI        | ZIP code | Tax ID     |
        | Bayshore Pediatrics | HP005678    | 1329084713 | 33611    | 59-3141592 |
      When Grace enters the Requesting Provider ID "<typed>"
      Then she is told "Your account is not set up to submit authorizations for this provider. Please contact your Provider Relations representative."

      Examples:
        | how         | typed      |
        | Provider ID | HP005678   |
        | NPI         | 1329084713 |
