@guide:harmony-outpatient-authorization
Feature: Determinations
  "Please note that Authorization/Certification determinations are made based
  on medical necessity and appropriateness, and reflect the application of
  the Plan's approved review criteria guidelines."

  Where the guide is silent we chose: the plan's reviewers record their
  determination with the Da Vinci PAS review actions: certified (A1),
  partially certified (A2), not certified (A3), pended (A4, still to be
  decided), modified (A6) and cancelled (C). What is approved (certified,
  partially certified, modified) may carry an authorization number; a
  partial certification, a non-certification or a modification must give a
  specific reason, its code and its words (CMS-0057-F). Once decided, a
  request takes no further determination. The provider's user finds the
  determination by the request's reference number. A determination made by
  the due time (7 calendar days for a standard request) is on time.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Maria Lopez is a member of the plan with Member ID "HM48213377", born "07-09-1962"
    And Grace is signed in to Harmony
    And Grace has submitted an authorization request for Maria

  Rule: A certified request carries an authorization number
    "Authorization/Certification determinations are made based on medical
    necessity and appropriateness"

    @step:note-1 @step:note-1a
    Scenario: The plan certifies Maria's physical therapy
      When the plan's reviewer decides the request is certified with authorization number "HA2611-30457"
      And Grace looks up the request by its reference number
      Then Grace finds the request certified
      And Grace's request reads:
        | Status               | Certified    |
        | Authorization number | HA2611-30457 |

  Rule: A partial certification, a non-certification or a modification gives a specific reason
    "[determinations] reflect the application of the Plan's approved review
    criteria guidelines"

    @step:note-1 @step:note-1b
    Scenario: The plan certifies 8 of the 12 visits
      When the plan's reviewer decides the request is partially certified with authorization number "HA2611-30458", reason "PT-08": "8 visits meet the physical therapy criteria; reassess after 4 weeks."
      And Grace looks up the request by its reference number
      Then Grace finds the request partially certified
      And Grace's request reads:
        | Authorization number | HA2611-30458                                                                |
        | Reason               | PT-08: 8 visits meet the physical therapy criteria; reassess after 4 weeks. |

    @step:note-1 @step:note-1b
    Scenario: The plan does not certify the request, and says why
      When the plan's reviewer decides the request is not certified, reason "CC-06": "Six weeks of documented conservative care are required first."
      And Grace looks up the request by its reference number
      Then Grace finds the request not certified
      And Grace's request reads:
        | Authorization number | none                                                                 |
        | Reason               | CC-06: Six weeks of documented conservative care are required first. |

    @step:note-1 @step:note-1b
    Scenario: The plan modifies the request, and says how
      When the plan's reviewer decides the request is modified with authorization number "HA2611-30459", reason "POS-22": "Approved at the hospital's outpatient department (22) instead of the office."
      And Grace looks up the request by its reference number
      Then Grace finds the request modified

    @step:note-1b
    Scenario Outline: A request cannot be <decision> without a specific reason
      When the plan's reviewer decides the request is <decision>
      Then the reviewer is told "A denial needs a specific reason."
      And Grace's request reads:
        | Status | Pended |

      Examples:
        | decision            |
        | partially certified |
        | not certified       |
        | modified            |

    @step:note-1b
    Scenario: A reason needs its words as well as its code
      When the plan's reviewer decides the request is not certified, reason "CC-06": ""
      Then the reviewer is told "A denial needs a specific reason."
      And Grace's request reads:
        | Status | Pended |

    @step:note-1a
    Scenario: Nothing denied carries an authorization number
      When the plan's reviewer decides the request is not certified with authorization number "HA2611-30460", reason "CC-06": "Six weeks of documented conservative care are required first."
      Then the determination is refused for its authorization number
      And Grace's request reads:
        | Status | Pended |

    @step:note-1
    Scenario Outline: "<action>" is not a review action (<why>)
      When the plan's reviewer records the review action "<action>"
      Then the reviewer is told "<message>"
      And Grace's request reads:
        | Status | Pended |

      Examples:
        | action   | why                     | message                                                                  |
        | A5       | not a PAS review action | Review action must be a PAS review action code: A1, A2, A3, A4, A6 or C. |
        | approved | a word, not a code      | Review action must be a PAS review action code: A1, A2, A3, A4, A6 or C. |
        |          | left empty              | Please enter review action.                                              |

  Rule: A pended request may still be decided; a decided request takes no further determination
    "Authorization/Certification determinations are made [...]"

    @step:note-1c
    Scenario: A pended request is decided later
      When the plan's reviewer decides the request is pended
      And the plan's reviewer decides the request is certified with authorization number "HA2611-30461"
      And Grace looks up the request by its reference number
      Then Grace finds the request certified

    @step:note-1c
    Scenario Outline: A request already <first> takes no further determination
      When the plan's reviewer decides the request is <first>
      And the plan's reviewer decides the request is certified with authorization number "HA2611-30462"
      Then the reviewer is told "This request has already been decided."

      Examples:
        | first     |
        | certified |
        | cancelled |

    @step:note-1c
    Scenario: Grace finds the first determination still in force
      When the plan's reviewer decides the request is not certified, reason "CC-06": "Six weeks of documented conservative care are required first."
      And the plan's reviewer decides the request is certified with authorization number "HA2611-30463"
      And Grace looks up the request by its reference number
      Then Grace finds the request not certified

  Rule: A standard request is decided within 7 calendar days
    Not in the guide: CMS-0057-F's decision time frames.

    @step:note-1 @step:request-10b
    Scenario Outline: A determination <when> is <timeliness>
      When <time> pass
      And the plan's reviewer decides the request is certified with authorization number "HA2611-30464"
      Then the determination is recorded as <timeliness>

      Examples:
        | when                      | time          | timeliness   |
        | the next day              | 1 day         | made on time |
        | exactly at the due time   | 7 days        | made on time |
        | a minute after it was due | 10081 minutes | late         |
