@guide:harmony-outpatient-authorization
Feature: Going back to change an earlier step before submitting
  The guide's steps each end with "select Next"; it does not say what
  happens on going back. We chose: until the request is submitted, any step
  already done may be done again to change its answer; the answers to the
  later steps are kept (nothing has to be typed twice), and "Submit" checks
  the whole request again. A change that is refused leaves the earlier
  answer as it was. The steps come in order: a step cannot be done before
  the ones it follows. A request is continued only by the user who opened
  it; to anyone else it does not exist.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Maria Lopez is a member of the plan with Member ID "HM48213377", born "07-09-1962"
    And Grace is signed in to Harmony

  Rule: An earlier step may be changed, and the later answers are kept
    "Select the appropriate Place of Service and number of visits and select Next."

    @step:draft-1 @step:request-5
    Scenario: Grace goes back to change the Place of Service
      Given Grace has filled in an authorization request for Maria up to the clinicals
      When Grace goes back and selects the Place of Service "22"
      Then she may go on to the clinicals
      And Grace's request reads:
        | Place of Service   | 22 On Campus-Outpatient Hospital   |
        | Diagnosis Code(s)  | M54.50                             |
        | Procedure Code(s)  | 97110, 97140                       |
        | Servicing Provider | HP001234 Riverside Family Practice |

    @step:draft-1 @step:request-4 @step:request-10
    Scenario: Grace corrects the member of a request ready to submit, and submits it
      Given the plan's member directory also lists:
        | Member ID  | name         | date of birth |
        | HM31907264 | Rosa Alvarez | 11-30-1958    |
      And Grace has an authorization request for Maria ready to submit
      When Grace goes back and enters the Member ID "HM31907264"
      And Grace submits the request
      Then Grace's request reads:
        | Member       | Rosa Alvarez, Member ID HM31907264, born 11-30-1958 |
        | Status       | Pended                                              |
        | Phone number | (813) 555-0142                                      |

    @step:draft-1 @step:request-6
    Scenario: Grace changes the codes after giving the phone and fax numbers
      Given Grace has an authorization request for Maria ready to submit
      When Grace goes back and selects the Diagnosis Codes "M54.51" and the Procedure Codes "97110, 97112"
      Then she may go on to the Submit button
      And Grace's request reads:
        | Diagnosis Code(s) | M54.51         |
        | Procedure Code(s) | 97110, 97112   |
        | Fax number        | (813) 555-0199 |

    @step:draft-1 @step:request-5
    Scenario: A change that is refused leaves the earlier answer as it was
      Given Grace has filled in an authorization request for Maria up to the clinicals
      When Grace goes back and selects the Place of Service "30"
      Then she is told "Place of Service must be one of the 52 assigned CMS Place of Service codes (two digits, e.g. 11 for Office)."
      And Grace's request reads:
        | Place of Service | 11 Office |

  Rule: The steps come in order
    "follow the steps below"

    @step:draft-2 @step:request-6
    Scenario: The codes cannot be given before the Place of Service
      Given Grace has filled in an authorization request for Maria up to the Place of Service
      When Grace selects the Diagnosis Code "M54.50"
      Then the request is refused because an earlier step is not done

    @step:draft-2 @step:request-4
    Scenario: The member cannot be given before the Requesting Provider ID
      Given Grace has filled in an authorization request for Maria up to the Requesting Provider ID
      When Grace enters the Member ID "HM48213377"
      Then the request is refused because an earlier step is not done

  Rule: A request is continued only by the user who opened it
    "Simply log in [...] and follow the steps below."

    @step:draft-2
    Scenario: Another practice's office manager cannot continue Grace's request
      Given Grace has filled in an authorization request for Maria up to the Member ID
      And Marcus Bell is the office manager of "Bayshore Pediatrics", Provider ID "HP005678", ZIP code "33611", Tax ID "59-3141592"
      And Marcus is signed in to Harmony
      When Marcus enters the Member ID "HM48213377"
      Then he is told "We could not find that authorization request."
