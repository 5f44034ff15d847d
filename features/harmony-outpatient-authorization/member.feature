@guide:harmony-outpatient-authorization
Feature: Step 4 – The member, by Member ID or looked up by name and date of birth
  "Enter the Member ID number and select Next. You can also look up a member
  by name and date of birth."

  Where the guide is silent we chose: Harmony writes Member IDs as 8 to 12
  letters or digits (any letter case). A lookup needs the first name, the
  last name and the date of birth (MM-DD-YYYY) together, and compares names
  as people expect (letter case, accents and extra blanks do not matter).
  One match is chosen at once; when several members share the name and the
  date of birth, they are listed with their Member IDs and the user chooses
  one; when none matches, the user is asked to check what was typed.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Maria Lopez is a member of the plan with Member ID "HM48213377", born "07-09-1962"
    And Grace is signed in to Harmony
    And Grace has filled in an authorization request for Maria up to the Member ID

  Rule: The member is named by Member ID
    "Enter the Member ID number and select Next."

    @step:request-4
    Scenario Outline: Grace enters Maria's Member ID <how>
      When Grace enters the Member ID "<typed>"
      Then she may go on to the Place of Service
      And Grace's request reads:
        | Member | Maria Lopez, Member ID HM48213377, born 07-09-1962 |

      Examples:
        | how                | typed       |
        | as on her card     | HM48213377  |
        | in lower case      | hm48213377  |
        | with a stray space | HM4821 3377 |

    @step:request-4
    Scenario: A Member ID no member has is refused
      When Grace enters the Member ID "HM48213378"
      Then she is told "We could not find that member. Please check the Member ID, or the name and date of birth."
      And she is told nothing else

    @step:request-4
    Scenario Outline: "<typed>" is refused as a Member ID (<why>)
      When Grace enters the Member ID "<typed>"
      Then she is told "<message>"
      And she is told nothing else

      Examples:
        | typed          | why                         | message                                      |
        |                | left empty                  | Please enter Member ID.                      |
        | HM4821         | too short                   | Member ID must be 8 to 12 letters or digits. |
        | HM482133771234 | too long                    | Member ID must be 8 to 12 letters or digits. |
        | HM48213377*    | not only letters and digits | Member ID must be 8 to 12 letters or digits. |

  Rule: A member can be looked up by name and date of birth
    "You can also look up a member by name and date of birth."

    @step:request-4a
    Scenario Outline: One member has that name and date of birth (typed <how>)
      When Grace looks up the member "<name>" born "<born>"
      Then she may go on to the Place of Service
      And Grace's request reads:
        | Member | Maria Lopez, Member ID HM48213377, born 07-09-1962 |

      Examples:
        | how            | name        | born       |
        | as on file     | Maria Lopez | 07-09-1962 |
        | in capitals    | MARIA LOPEZ | 07/09/1962 |
        | with an accent | María López | 07-09-1962 |

    @step:request-4a
    Scenario: No member has that name and date of birth
      When Grace looks up the member "Maria Lopez" born "09-07-1962"
      Then she is told "We could not find that member. Please check the Member ID, or the name and date of birth."
      And she is told nothing else

    @step:request-4a
    Scenario: Several members share the name and date of birth, and Grace chooses one by Member ID
      Given the plan's member directory also lists:
        | Member ID  | name        | date of birth |
        | HM55102948 | Maria Lopez | 07-09-1962    |
      When Grace looks up the member "Maria Lopez" born "07-09-1962"
      Then she is shown these members to choose from:
        | Member ID  | name        | date of birth |
        | HM48213377 | Maria Lopez | 07-09-1962    |
        | HM55102948 | Maria Lopez | 07-09-1962    |
      When Grace chooses Member ID "HM55102948" from the list
      Then Grace's request reads:
        | Member | Maria Lopez, Member ID HM55102948, born 07-09-1962 |

    @step:request-4a
    Scenario: While several are listed, none is chosen for Grace
      Given the plan's member directory also lists:
        | Member ID  | name        | date of birth |
        | HM55102948 | Maria Lopez | 07-09-1962    |
      When Grace looks up the member "Maria Lopez" born "07-09-1962"
      Then Grace's request reads:
        | Member |  |

    @step:request-4a
    Scenario Outline: A lookup with <what> is refused
      When Grace looks up the member "<name>" born "<born>"
      Then she is told "<message>"
      And she is told nothing else

      Examples:
        | what                       | name        | born       | message                                   |
        | no last name               | Maria       | 07-09-1962 | Please enter last name.                   |
        | no date of birth           | Maria Lopez |            | Please enter date of birth.               |
        | a date that does not exist | Maria Lopez | 02-30-1962 | Please enter date of birth as MM-DD-YYYY. |

    @step:request-4a
    Scenario: A date of birth that has not come yet is refused
      When Grace looks up the member "Maria Lopez" born "07-09-2027"
      Then the date of birth breaks the rule "date.not-in-past"
      And she is told nothing else
