@guide:healthpartners-provider-portal-registration
Feature: The client contact's approval links
  "An email will be sent to the provider group/client contact to authorize
  your access in one simple step." The guide says no more of the link; these
  are the rules of this specification.

  We chose: the e-mail carries two links, one to approve and one to refuse,
  both with the same token of 256 random bits. HealthPartners never keeps the
  token: only a keyed hash of it, bound to its request, which a link is
  compared with. A request is answered once: after an approval or a refusal
  both links say they have been used, and an altered link says the very same
  (it never tells which). A request lives 7 days, counted to the minute from
  the moment it was sent (168 hours later it has expired); an expired request
  or a refusal grants nothing, and the billing organization may send a new
  request. Until answered, a request is visible to the billing organization
  on its list of clients and to the contact through the link, and to nobody
  else. Either side may end an approved access at any time, the billing
  organization from its list of clients and the contact through the same
  link; after that the client's data is closed to every account of the
  billing organization, and the link cannot approve again.

  Background:
    Given HealthPartners' records list these providers:
      | provider | name                | Tax ID     | NPI        | address of record                           |
      | LFC20001 | Lakes Family Clinic | 41-6012345 | 1548720360 | 2550 University Ave W, Saint Paul, MN 55114 |
    And HealthPartners issued these checks:
      | check #  | Tax ID     | NPI        | amount  | issued on  |
      | 20261187 | 41-6012345 | 1548720360 | 1250.00 | 2026-10-30 |
    And Olivia Hart is the signed-in delegate of the billing organization "Northstar Billing Services"
    And Olivia has asked Maria Lopez of "Lakes Family Clinic" for access

  Rule: A link answers the request once
    An approval or a refusal is final; the links of the e-mail cannot answer again.

    @step:rules-9 @step:billing-10
    Scenario: Maria approves in one step
      When Maria approves the request through the link in her e-mail
      Then she sees that the access of "Northstar Billing Services" to "Lakes Family Clinic" is in force

    @step:rules-9
    Scenario: The approval link opened a second time approves nothing more
      Given Maria has approved the request through the link in her e-mail
      When Maria approves the request through the link in her e-mail
      Then she is told "This link has already been used or is not valid."
      And Olivia's clients read:
        | client              | access   |
        | Lakes Family Clinic | in force |

    @step:rules-9
    Scenario: After approving, the refusal link changes nothing
      Given Maria has approved the request through the link in her e-mail
      When Maria refuses the request through the link in her e-mail
      Then she is told "This link has already been used or is not valid."
      And Olivia's clients read:
        | client              | access   |
        | Lakes Family Clinic | in force |

    @step:rules-9
    Scenario: An altered link approves nothing
      When someone opens Maria's approval link with one character of its token changed
      Then they are told "This link has already been used or is not valid."
      And Olivia's clients read:
        | client              | access                |
        | Lakes Family Clinic | waiting for an answer |

  Rule: A refusal grants nothing
    @step:rules-9
    Scenario: Maria refuses
      When Maria refuses the request through the link in her e-mail
      Then she sees that the access of "Northstar Billing Services" to "Lakes Family Clinic" is refused
      And Olivia's clients read:
        | client              | contact     | access  |
        | Lakes Family Clinic | Maria Lopez | refused |

    @step:rules-9
    Scenario: After a refusal the clinic's data stays closed
      Given Maria has refused the request through the link in her e-mail
      When Olivia opens the data of "Lakes Family Clinic"
      Then she is told "You do not have access to this client yet. Request access first."

    @step:rules-9
    Scenario: After a refusal Olivia may ask again
      Given Maria has refused the request through the link in her e-mail
      When Olivia asks for access to "Lakes Family Clinic", naming Maria Lopez as the client's contact
      Then Maria receives a request from "Northstar Billing Services" for access to "Lakes Family Clinic"
      And Olivia's clients read:
        | client              | access                |
        | Lakes Family Clinic | refused               |
        | Lakes Family Clinic | waiting for an answer |

  Rule: A request expires 7 days after it was sent
    @step:rules-9
    Scenario Outline: <time> later Maria can still approve
      When <time> pass
      And Maria approves the request through the link in her e-mail
      Then she sees that the access of "Northstar Billing Services" to "Lakes Family Clinic" is in force

      Examples: within 7 days
        | time          |
        | 1 day         |
        | 6 days        |
        | 10079 minutes |

    @step:rules-9
    Scenario Outline: <time> later the request has expired
      When <time> pass
      And Maria approves the request through the link in her e-mail
      Then she is told "This request has expired. Your billing organization can send a new one."
      And Olivia's clients read:
        | client              | access  |
        | Lakes Family Clinic | expired |

      Examples: 7 days or more
        | time      |
        | 168 hours |
        | 7 days    |
        | 30 days   |

    @step:rules-9
    Scenario: An expired request grants nothing
      When 8 days pass
      And Olivia opens the data of "Lakes Family Clinic"
      Then she is told "You do not have access to this client yet. Request access first."

    @step:rules-9
    Scenario: After the request expired, Olivia sends a new one and Maria approves it
      When 8 days pass
      And Olivia asks for access to "Lakes Family Clinic", naming Maria Lopez as the client's contact
      And Maria approves the request through the link in her e-mail
      Then Olivia's clients read:
        | client              | access   |
        | Lakes Family Clinic | expired  |
        | Lakes Family Clinic | in force |

  Rule: A request waiting for an answer is visible to both sides
    @step:rules-10
    Scenario: Days later, Olivia still sees the request waiting for Maria's answer
      When 2 days pass
      Then Olivia sees these requests waiting for an answer:
        | client              | contact     | e-mail address          | sent on                      | expires on                   |
        | Lakes Family Clinic | Maria Lopez | maria.lopez@lakesfc.com | November 22, 2026 at 9:00 AM | November 29, 2026 at 9:00 AM |

    @step:rules-10
    Scenario: Maria sees it through the link, before she answers
      When Maria looks at the request through the link in her e-mail
      Then she sees that the access of "Northstar Billing Services" to "Lakes Family Clinic" is waiting for an answer

    @step:rules-10
    Scenario: Once answered, the request no longer waits
      Given Maria has refused the request through the link in her e-mail
      Then Olivia sees no requests waiting for an answer

    @step:rules-10
    Scenario: Another billing organization does not see it
      Given Priya Shah is the signed-in delegate of the billing organization "Prairie Claims Partners"
      Then Priya sees no requests waiting for an answer

    @step:rules-10
    Scenario: An altered link shows nothing
      When someone looks at Maria's request through her link with one character of its token changed
      Then they are told "This link has already been used or is not valid."

  Rule: Either side can end the access later
    @step:rules-10
    Scenario: Olivia ends her organization's access
      Given Maria has approved the request through the link in her e-mail
      When Olivia ends her organization's access to "Lakes Family Clinic"
      And Olivia opens the data of "Lakes Family Clinic"
      Then she is told "You do not have access to this client yet. Request access first."

    @step:rules-10
    Scenario: Maria ends the access through the link in her e-mail
      Given Maria has approved the request through the link in her e-mail
      When Maria ends the access through the link in her e-mail
      Then she sees that the access of "Northstar Billing Services" to "Lakes Family Clinic" is ended
      And Olivia's clients read:
        | client              | access |
        | Lakes Family Clinic | ended  |

    @step:rules-10
    Scenario: After Maria ends it, the clinic's data is closed to every account of Northstar
      Given Ben Carter has set up the staff account Olivia created for him
      And Maria has approved the request through the link in her e-mail
      And Maria has ended the access through the link in her e-mail
      When Ben opens the data of "Lakes Family Clinic"
      Then he is told "You do not have access to this client yet. Request access first."

    @step:rules-10 @step:rules-9
    Scenario: After the access ended, the link cannot approve again
      Given Maria has approved the request through the link in her e-mail
      And Olivia has ended her organization's access to "Lakes Family Clinic"
      When Maria approves the request through the link in her e-mail
      Then she is told "This link has already been used or is not valid."

    @step:rules-10
    Scenario: An access not yet approved cannot be ended
      When Olivia ends her organization's access to "Lakes Family Clinic"
      Then she is told "This access is not in force."

    @step:rules-10
    Scenario: An access ended once cannot be ended again
      Given Maria has approved the request through the link in her e-mail
      And Maria has ended the access through the link in her e-mail
      When Maria ends the access through the link in her e-mail
      Then she is told "This access is not in force."

    @step:rules-10
    Scenario: Another billing organization cannot end it
      Given Maria has approved the request through the link in her e-mail
      And Priya Shah is the signed-in delegate of the billing organization "Prairie Claims Partners"
      When Priya tries to end the access of "Northstar Billing Services" to "Lakes Family Clinic"
      Then she is told "Only the billing organization or the client can end this access."
