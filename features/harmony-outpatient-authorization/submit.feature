@guide:harmony-outpatient-authorization
Feature: Step 10 – Submit
  "Select the Submit button."

  Where the guide is silent we chose: submitting checks the whole request
  once more (the date of service is still acceptable, every diagnosis still
  billable on it, the account may still act for the requesting provider),
  then gives it a reference number: HPA- and 8 letters and digits that
  cannot be mistaken for one another (no 0, O, 1 or I). The request is then
  pended until the plan decides it. Under the CMS Interoperability and Prior
  Authorization rule (CMS-0057-F) a standard request is decided within 7
  calendar days, at the same clock time in Tampa (Eastern time, so 167 or
  169 hours across a change to or from daylight saving time), and an
  expedited one within 72 hours. A submitted request cannot be submitted or
  changed again. The user finds it again, at once, by its reference number
  (typed in any letter case); nobody at another practice can. Time stands
  still at Sunday 11-22-2026 9:00 AM Eastern time unless a step says
  otherwise.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Maria Lopez is a member of the plan with Member ID "HM48213377", born "07-09-1962"
    And Grace is signed in to Harmony

  Rule: Submitting gives a reference number, and the request is pended
    "Select the Submit button."

    @step:request-10 @step:request-10a @step:intro-1 @step:intro-3
    Scenario: Grace submits Maria's request for physical therapy
      Given Grace has an authorization request for Maria ready to submit
      When Grace submits the request
      Then the request is submitted with a reference number such as "HPA-7K2M9QXD"
      And Grace's request reads:
        | Status          | Pended                 |
        | Decision due by | 11-29-2026 9:00 AM EST |

    @step:request-10 @step:request-10a
    Scenario: Grace submits a request with answers of her own
      Given Grace has an authorization request for Maria ready to submit, with these answers:
        | field             | value      |
        | Place of Service  | 22         |
        | Number of visits  | 6          |
        | Date of service   | 12-07-2026 |
        | Diagnosis Code(s) | M54.51     |
        | Procedure Code(s) | 97112      |
      When Grace submits the request
      Then Grace's request reads:
        | Place of Service  | 22 On Campus-Outpatient Hospital |
        | Number of visits  | 6                                |
        | Date of service   | 12-07-2026                       |
        | Diagnosis Code(s) | M54.51                           |
        | Procedure Code(s) | 97112                            |
        | Status            | Pended                           |

    @step:request-10 @step:request-10a
    Scenario: A submitted request cannot be submitted again
      Given Grace has submitted an authorization request for Maria
      When Grace submits the request
      Then the request is refused because it is already submitted

    @step:request-10 @step:draft-1
    Scenario: A submitted request can no longer be changed
      Given Grace has submitted an authorization request for Maria
      When Grace selects the Diagnosis Codes "M54.51" and the Procedure Codes "97110"
      Then the request is refused because it is already submitted

    @step:request-10 @step:draft-2
    Scenario: A request cannot be submitted before the phone and fax numbers are given
      Given Grace has filled in an authorization request for Maria up to the phone and fax numbers
      When Grace submits the request
      Then the request is refused because an earlier step is not done

  Rule: The whole request is checked again when it is submitted
    "Select the Submit button."

    @step:request-10 @step:request-5b
    Scenario: A request for today's service left open past midnight is refused at Submit
      Given it is "11-22-2026 11:40 PM" Eastern time
      And Grace has an authorization request for Maria ready to submit, for a service on "11-22-2026"
      When 30 minutes pass
      And Grace submits the request
      Then she is told "The date of service must be between 11-23-2026 and 05-22-2027."

  Rule: The decision is due 7 calendar days later, or 72 hours later if expedited, in Eastern time
    Not in the guide: CMS-0057-F's decision time frames, reckoned where the plan is.

    @step:request-10b
    Scenario Outline: A standard request submitted <when> is due 7 days later at the same clock time
      Given it is "<submitted>" Eastern time
      And Grace has an authorization request for Maria ready to submit
      When Grace submits the request
      Then the decision is due by "<due>"
      And the decision is due <hours> hours after submission

      Examples: No change of clock
        | when                  | submitted          | due                    | hours |
        | on a Sunday in autumn | 11-22-2026 9:00 AM | 11-29-2026 9:00 AM EST | 168   |

      Examples: Across a change to or from daylight saving time
        | when                                | submitted           | due                     | hours |
        | the week clocks spring forward      | 03-10-2027 10:00 AM | 03-17-2027 10:00 AM EDT | 167   |
        | the week clocks fall back           | 11-03-2027 4:30 PM  | 11-10-2027 4:30 PM EST  | 169   |
        | at a clock time the change skips    | 03-07-2027 2:30 AM  | 03-14-2027 3:30 AM EDT  | 168   |

    @step:request-10b @step:request-5b
    Scenario Outline: An expedited request submitted <when> is due 72 hours later
      Given it is "<submitted>" Eastern time
      And Grace has an authorization request for Maria ready to submit, asking for an expedited decision
      When Grace submits the request
      Then the decision is due by "<due>"
      And the decision is due 72 hours after submission

      Examples: No change of clock
        | when                  | submitted          | due                    |
        | on a Sunday in autumn | 11-22-2026 9:00 AM | 11-25-2026 9:00 AM EST |

      Examples: Across a change to or from daylight saving time
        | when                                | submitted           | due                     |
        | just before clocks spring forward   | 03-12-2027 10:00 AM | 03-15-2027 11:00 AM EDT |
        | just before clocks fall back        | 11-05-2027 10:00 AM | 11-08-2027 9:00 AM EST  |

  Rule: As a registered user, Grace finds her request again at once
    "By becoming a registered user, you have immediate access to pertinent
    information regarding your claims, authorizations and more."

    @step:intro-2 @step:request-10a
    Scenario: Grace finds her request by its reference number right after submitting
      Given Grace has submitted an authorization request for Maria
      When Grace looks up the request by its reference number typed in lower case
      Then Grace finds the request pended

    @step:intro-2
    Scenario: Nobody at another practice finds Grace's request
      Given Grace has submitted an authorization request for Maria
      And Marcus Bell is the office manager of "Bayshore Pediatrics", Provider ID "HP005678", ZIP code "33611", Tax ID "59-3141592"
      And Marcus is signed in to Harmony
      When Marcus looks up the request by its reference number
      Then he is told "We could not find that authorization request."

    @step:intro-2
    Scenario Outline: A reference number that is <what> finds nothing
      When Grace looks up the reference number "<reference>"
      Then she is told "<message>"
      And she is told nothing else

      Examples:
        | what                | reference    | message                                                         |
        | nobody's            | HPA-7K2M9QXD | We could not find that authorization request.                   |
        | one character short | HPA-7K2M9QX  | Reference number must be HPA- followed by 8 letters and digits. |
        | of another plan     | ABC-7K2M9QXD | Reference number must be HPA- followed by 8 letters and digits. |
